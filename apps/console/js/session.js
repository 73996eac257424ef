// Who is signed in: the token's name, role and departments (GET /me) and the
// departments it may act on (GET /departments). Views ask here what to show;
// the server still checks every request.

const ROLES = ["agent", "supervisor", "manager", "executive", "admin"];

export const session = {
    me: null, // { name, role, departments, all_departments }
    departments: [], // GET /departments items

    atLeast(role) {
        return !!this.me && ROLES.indexOf(this.me.role) >= ROLES.indexOf(role);
    },
    department(id) {
        return this.departments.find((d) => d.id === id);
    },
    departmentName(id) {
        const d = this.department(id);
        return d ? d.name : id;
    },
    clear() {
        this.me = null;
        this.departments = [];
    },
};

export const STATUSES = [
    "received", "contacted", "analysed", "proposed", "approved", "agreed",
    "implementing", "resolved", "closed", "escalated", "rejected", "reopened",
];

export const OPEN_STATUSES = STATUSES.filter((s) => !["resolved", "closed", "rejected"].includes(s));

export const REMEDIES = [
    "replacement", "refund", "gift", "voucher", "apology", "senior_call", "senior_visit", "plant_visit",
];

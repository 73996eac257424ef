#!/usr/bin/env python3
"""Writes a realistic import file: N registration forms in Chinese, as a
company's spreadsheet export would hold them (UTF-8 with a BOM, CRLF, some
quoted fields with commas, quotes and line breaks, a key column 编号).

    generate_csv.py OUT.csv [--rows 1000000] [--seed 7] [--encoding utf-8|gbk]

Deterministic for a given seed, streamed (constant memory).
"""
import argparse
import random

COMPANIES = ["华东贸易公司", "北方物流有限公司", "南方电器商行", "西部连锁超市", "东方国际酒店",
             "上海浦江餐饮", "广州天河百货", "深圳湾科技", "成都锦江宾馆", "武汉光谷电子"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
TITLES = ["先生", "女士", "经理", "主任", "老板"]
CITIES = ["上海市浦东新区", "北京市朝阳区", "广州市天河区", "深圳市南山区", "成都市武侯区",
          "杭州市西湖区", "武汉市洪山区", "南京市鼓楼区"]
PRODUCTS = [("滚筒洗衣机", "X7"), ("双门冰箱", "BCD-452"), ("变频空调", "KFR-35"),
            ("燃气热水器", "JSQ30"), ("电饭煲", "RC-50"), ("吸尘器", "V12"), ("微波炉", "M3-L")]
CAUSES = ["用了三天就漏水，地板都泡坏了", "送货晚了一周，客服电话一直打不通",
          "安装师傅态度很差，还多收了材料费", "显示屏有坏点，\"很明显\"，要求换货",
          "噪音太大，晚上无法入睡\n已经报修两次", "收到的包装破损，配件缺少一个",
          "制冷效果差，温度降不下来", "发票开错了抬头，要求重开"]
REQUESTS = ["换一台新的", "全额退款", "上门维修", "赔偿损失", "道歉并说明原因", "补发配件"]
CATEGORIES = ["quality", "delivery", "service", "billing"]
SEVERITIES = ["低", "中", "高", "紧急"]
TYPES = ["要求型", "困惑型", "激动型"]
HEADER = ["编号", "客户名称", "联系人", "电话", "邮箱", "地址", "客户类型", "产品名称", "规格",
          "批号", "生产日期", "投诉原因", "客户要求", "类别", "严重程度", "损失金额"]


def quote(field):
    if any(c in field for c in ',"\r\n'):
        return '"' + field.replace('"', '""') + '"'
    return field


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("--rows", type=int, default=1_000_000)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--encoding", default="utf-8", choices=["utf-8", "gbk"])
    a = p.parse_args()
    rnd = random.Random(a.seed)
    enc = "utf-8-sig" if a.encoding == "utf-8" else "gbk"
    with open(a.out, "w", encoding=enc, newline="") as f:
        f.write(",".join(HEADER) + "\r\n")
        for i in range(1, a.rows + 1):
            product, spec = rnd.choice(PRODUCTS)
            row = [
                f"IMP-{i:07d}",
                rnd.choice(COMPANIES),
                rnd.choice(SURNAMES) + rnd.choice(TITLES),
                f"+86 1{rnd.randint(30, 99)} {rnd.randint(1000, 9999)} {rnd.randint(1000, 9999)}",
                f"user{i}@example.cn",
                rnd.choice(CITIES) + f"{rnd.randint(1, 999)}号",
                rnd.choice(TYPES),
                product,
                spec,
                f"B-2026-{rnd.randint(1, 12):02d}",
                f"2026-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}",
                rnd.choice(CAUSES),
                rnd.choice(REQUESTS),
                rnd.choice(CATEGORIES),
                rnd.choice(SEVERITIES),
                f"{rnd.randint(0, 500000) / 100:.2f}",
            ]
            f.write(",".join(quote(x) for x in row) + "\r\n")


if __name__ == "__main__":
    main()

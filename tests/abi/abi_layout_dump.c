/* Prints the current ABI layout (see abi_layout.c). */
#include <stdio.h>

const char* redress_abi_layout(void);

int main(void) {
    fputs(redress_abi_layout(), stdout);
    return 0;
}

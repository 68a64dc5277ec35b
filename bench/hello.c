/* The startup floor of `make bench`: a trivial C program, built with the same
 * compiler and flags as pipec. */
#include <stdio.h>

int main(void)
{
    puts("hello, world");
    return 0;
}

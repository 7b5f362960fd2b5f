/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file compat_display_test.c
 * @brief The compat shims as TI example code uses them: Display_open with and without
 *        parameters, Display_printf (a line break is added), UART_PRINT (printed as is).
 *        The expected output is checked by CTest (PASS_REGULAR_EXPRESSION).
 */
#include <ti/display/Display.h>

#include "uart_term.h"

int main(void)
{
    Display_Params params;
    Display_init();
    Display_Params_init(&params);
    Display_Handle h = Display_open(Display_Type_UART, &params);
    Display_Handle h2 = Display_open(Display_Type_UART, NULL);
    if (h == NULL || h2 == NULL || Display_open(Display_Type_LCD, NULL) != NULL ||
        Display_getType(h) != Display_Type_UART) {
        return 1;
    }
    Display_printf(h, 0, 0, "display %d", 1);
    Display_print1(h2, 0, 0, "display %s", "two");
    (void)InitTerm();
    UART_PRINT("uart %d|", 3);
    UART_PRINT("\n");
    Display_printf(NULL, 0, 0, "never printed");
    Display_close(h2);
    Display_close(h);
    return 0;
}

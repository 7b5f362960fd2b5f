/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file banned.h
 * @brief Functions slsim code must not use (git's banned.h idea): unbounded or non-reentrant.
 *
 * Include after the system headers. Use snprintf, explicit lengths, checked strtol, gmtime_r.
 */
#ifndef SLSIM_CORE_BANNED_H
#define SLSIM_CORE_BANNED_H

#define SLSIM_BANNED(func) sorry_##func##_is_banned_in_slsim

#undef strcpy
#define strcpy(x, y) SLSIM_BANNED(strcpy)
#undef strcat
#define strcat(x, y) SLSIM_BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) SLSIM_BANNED(strncpy)
#undef sprintf
#define sprintf(...) SLSIM_BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) SLSIM_BANNED(vsprintf)
#undef strtok
#define strtok(x, y) SLSIM_BANNED(strtok)
#undef atoi
#define atoi(x) SLSIM_BANNED(atoi)
#undef gmtime
#define gmtime(x) SLSIM_BANNED(gmtime)
#undef localtime
#define localtime(x) SLSIM_BANNED(localtime)
#undef asctime
#define asctime(x) SLSIM_BANNED(asctime)

#endif /* SLSIM_CORE_BANNED_H */

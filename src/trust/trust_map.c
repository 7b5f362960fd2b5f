/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file trust_map.c
 * @brief Choose the one code sl_Connect returns from the findings (docs/trust.md "Choosing the
 *        code").
 *
 * 1. The first FAIL in pipeline order wins; the socket is not connected.
 * 2. Otherwise the first WARN by the warning table below; the socket is connected.
 * 3. Otherwise 0, connected.
 *
 * The warning order is not documented by TI. It follows the NWP's stack (dates are checked
 * while the chain is verified, the catalog after it) and TI's host driver, which keeps the
 * first of these codes it receives (`_SlDrvallocateErrno`, reference B.3). -467 is a WARN or a
 * FAIL as the profile says (reference A.4, disputed).
 */
#include "trust/trust.h"

#include <stddef.h>

#include <ti/drivers/net/wifi/errors.h>

#include "trust/trust_int.h"

#include "core/banned.h"

/** Connected-with-warning codes, most important first. */
static const int32_t warn_precedence[] = {
    SL_ERROR_BSD_ESECDATEERROR,          /* -461 dates */
    SL_ERROR_BSD_ESECCERTIFICATEREVOKED, /* -467 revoked, when it keeps the socket up */
    SL_ERROR_BSD_ESECUNKNOWNROOTCA,      /* -468 catalog */
    SL_ERROR_BSD_ESECSNOVERIFY,          /* -453 no CA file */
};

#define WARN_RANKS (sizeof(warn_precedence) / sizeof(warn_precedence[0]))

/* Rank of a warning code in the table; codes not in it come after all listed ones. */
static size_t warn_rank(int32_t code)
{
    for (size_t i = 0; i < WARN_RANKS; i++) {
        if (warn_precedence[i] == code) {
            return i;
        }
    }
    return WARN_RANKS;
}

/* The status a finding takes part in the decision with: -467 follows the profile. */
static enum slsim_finding_status effective(const struct slsim_finding *f, bool revoked_connected)
{
    bool problem = f->status == SLSIM_FINDING_WARN || f->status == SLSIM_FINDING_FAIL;

    if (problem && f->code == SL_ERROR_BSD_ESECCERTIFICATEREVOKED) {
        return revoked_connected ? SLSIM_FINDING_WARN : SLSIM_FINDING_FAIL;
    }
    return f->status;
}

/* Earlier in the pipeline wins; equal checks keep the order they were found in. */
static const struct slsim_finding *first_fail(const struct slsim_trust_result *res,
                                              bool revoked_connected)
{
    const struct slsim_finding *best = NULL;

    for (size_t i = 0; i < res->n; i++) {
        const struct slsim_finding *f = &res->findings[i];

        if (effective(f, revoked_connected) == SLSIM_FINDING_FAIL &&
            (best == NULL || f->check < best->check)) {
            best = f;
        }
    }
    return best;
}

static const struct slsim_finding *first_warn(const struct slsim_trust_result *res,
                                              bool revoked_connected)
{
    const struct slsim_finding *best = NULL;
    size_t best_rank = WARN_RANKS + 1;

    for (size_t i = 0; i < res->n; i++) {
        const struct slsim_finding *f = &res->findings[i];
        size_t rank = warn_rank(f->code);

        if (effective(f, revoked_connected) != SLSIM_FINDING_WARN) {
            continue;
        }
        if (best == NULL || rank < best_rank || (rank == best_rank && f->check < best->check)) {
            best = f;
            best_rank = rank;
        }
    }
    return best;
}

void slsim_trust_decide(struct slsim_trust_result *res, bool revoked_connected)
{
    const struct slsim_finding *f = NULL;

    if (res == NULL) {
        return;
    }
    /* Keep the findings consistent with the decision for reports (slsim doctor). */
    for (size_t i = 0; i < res->n; i++) {
        res->findings[i].status = effective(&res->findings[i], revoked_connected);
    }
    f = first_fail(res, revoked_connected);
    if (f != NULL) {
        res->code = f->code != 0 ? f->code : (int32_t)SL_ERROR_BSD_ESECGENERAL;
        res->connected = false;
        return;
    }
    f = first_warn(res, revoked_connected);
    res->code = f != NULL ? f->code : 0;
    res->connected = true;
}

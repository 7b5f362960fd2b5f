/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_wlan_model.c
 * @brief The pure WLAN model (src/net/net_wlan.c): the profile-store codec (round trip, every
 *        corruption refused), profile slots, auto-connect choice, stale steps ignored.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <ti/drivers/net/wifi/errors.h>

#include "net/net_wlan.h"

static struct slsim_wlan_profile profile(const char *ssid, uint8_t sec, uint8_t prio)
{
    struct slsim_wlan_profile p;
    memset(&p, 0, sizeof(p));
    p.ssid_len = (uint8_t)strlen(ssid);
    memcpy(p.ssid, ssid, p.ssid_len);
    p.sec = sec;
    p.priority = prio;
    if (sec != SLSIM_WLAN_SEC_OPEN) {
        p.key_len = 9;
        memcpy(p.key, "secret123", 9);
    }
    return p;
}

static void test_store__round_trip_and_corruption(void **state)
{
    (void)state;
    struct slsim_wlan_store st;
    memset(&st, 0, sizeof(st));
    st.conn_policy = 0x03;
    st.pm_policy = 0x02;
    struct slsim_wlan_profile a = profile("home", SLSIM_WLAN_SEC_WPA2, 5);
    struct slsim_wlan_profile b = profile("cafe", SLSIM_WLAN_SEC_OPEN, 1);
    assert_int_equal(slsim_wlan_profile_add(&st, &a), 0);
    assert_int_equal(slsim_wlan_profile_add(&st, &b), 1);
    uint8_t buf[SLSIM_WLAN_STORE_SIZE];
    slsim_wlan_store_encode(&st, buf);
    struct slsim_wlan_store back;
    assert_int_equal(slsim_wlan_store_decode(buf, sizeof(buf), &back), 0);
    assert_memory_equal(&back, &st, sizeof(st));
    assert_int_equal(slsim_wlan_store_decode(buf, sizeof(buf) - 1, &back),
                     SL_ERROR_FS_FILE_IMAGE_IS_CORRUPTED);
    for (size_t i = 0; i < sizeof(buf); i += 7) { /* any flipped byte is caught */
        buf[i] ^= 0x40;
        assert_int_equal(slsim_wlan_store_decode(buf, sizeof(buf), &back),
                         SL_ERROR_FS_FILE_IMAGE_IS_CORRUPTED);
        buf[i] ^= 0x40;
    }
}

static void test_profile__pick_highest_present(void **state)
{
    (void)state;
    struct slsim_wlan_aps aps;
    memset(&aps, 0, sizeof(aps));
    const char *names[] = { "home", "cafe", "gone" };
    for (unsigned i = 0; i < 3; i++) {
        aps.ap[i].ssid_len = (uint8_t)strlen(names[i]);
        memcpy(aps.ap[i].ssid, names[i], aps.ap[i].ssid_len);
    }
    aps.ap[2].fail = SLSIM_WLAN_FAIL_ABSENT;
    aps.n = 3;
    struct slsim_wlan_store st;
    memset(&st, 0, sizeof(st));
    assert_int_equal(slsim_wlan_profile_pick(&st, &aps), -1);
    struct slsim_wlan_profile p = profile("gone", SLSIM_WLAN_SEC_OPEN, 15);
    assert_int_equal(slsim_wlan_profile_add(&st, &p), 0);
    p = profile("other", SLSIM_WLAN_SEC_OPEN, 14);
    assert_int_equal(slsim_wlan_profile_add(&st, &p), 1);
    assert_int_equal(slsim_wlan_profile_pick(&st, &aps), -1);
    p = profile("home", SLSIM_WLAN_SEC_OPEN, 4);
    assert_int_equal(slsim_wlan_profile_add(&st, &p), 2);
    p = profile("cafe", SLSIM_WLAN_SEC_OPEN, 4);
    assert_int_equal(slsim_wlan_profile_add(&st, &p), 3);
    assert_int_equal(slsim_wlan_profile_pick(&st, &aps), 2); /* tie: lowest index */
}

static void test_sta__stale_steps_ignored(void **state)
{
    (void)state;
    struct slsim_wlan_aps aps;
    memset(&aps, 0, sizeof(aps));
    aps.ap[0].ssid_len = 4;
    memcpy(aps.ap[0].ssid, "cafe", 4);
    aps.n = 1;
    struct slsim_wlan w;
    struct slsim_wlan_out o;
    memset(&w, 0, sizeof(w));
    slsim_wlan_reset(&w);
    assert_int_equal(slsim_wlan_connect(&w, (const uint8_t *)"cafe", 4, NULL, 0, NULL, 0, &o), 0);
    uint32_t first = w.gen;
    assert_false(o.has_wlan);
    assert_int_equal(slsim_wlan_connect(&w, (const uint8_t *)"cafe", 4, NULL, 0, NULL, 0, &o), 0);
    assert_true(o.has_wlan); /* the first attempt is abandoned */
    assert_int_equal(o.wlan.reason, SLSIM_WLAN_R_WHILE_CONNECT);
    slsim_wlan_step_assoc(&w, first, &aps, &o);
    assert_false(o.has_wlan); /* stale */
    slsim_wlan_step_assoc(&w, w.gen, &aps, &o);
    assert_true(o.has_wlan);
    assert_int_equal(o.wlan.id, SLSIM_WLAN_EV_CONNECT);
    assert_true(o.next_dhcp);
    slsim_wlan_step_dhcp(&w, w.gen, &o);
    assert_true(o.has_netapp);
    assert_int_equal(o.netapp.ip, 0xC0A80164u);
    assert_int_equal(slsim_wlan_connect(&w, (const uint8_t *)"", 0, NULL, 0, NULL, 0, &o),
                     SL_ERROR_INVALID_PARAM);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_store__round_trip_and_corruption),
        cmocka_unit_test(test_profile__pick_highest_present),
        cmocka_unit_test(test_sta__stale_steps_ignored),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

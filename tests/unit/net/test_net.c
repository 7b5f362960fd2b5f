/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file test_net.c
 * @brief src/net tables (docs/net.md): address parsing, DNS overrides (case, trailing dot,
 *        wildcards, limits), remaps (exact, any port, keep port, limits), report strings, and
 *        the configuration keys "dns" and "remap" through slsim_device_config_parse().
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <ti/drivers/net/wifi/errors.h>

#include "device/device.h"
#include "net/net.h"

#define IP(a, b, c, d) (((uint32_t)(a) << 24) | ((uint32_t)(b) << 16) | ((uint32_t)(c) << 8) | (d))

static void test_net_parse_ipv4__valid_and_invalid(void **state)
{
    (void)state;
    uint32_t ip = 0;
    assert_int_equal(slsim_net_parse_ipv4("127.0.0.1", &ip), 0);
    assert_int_equal(ip, 0x7F000001u);
    assert_int_equal(slsim_net_parse_ipv4("0.0.0.0", &ip), 0);
    assert_int_equal(ip, 0u);
    assert_int_equal(slsim_net_parse_ipv4("255.255.255.255", &ip), 0);
    assert_int_equal(ip, 0xFFFFFFFFu);
    assert_int_equal(slsim_net_parse_ipv4("52.1.2.3", &ip), 0);
    assert_int_equal(ip, IP(52, 1, 2, 3));
    static const char *const bad[] = {
        "",           "1.2.3",     "1.2.3.4.5",  "256.0.0.1",  "01.2.3.4", "1.2.3.4 ",
        " 1.2.3.4",   "a.b.c.d",   "1..2.3",     "1234.1.1.1", "-1.2.3.4", "1.2.3.",
        "1.2.3.4:80", "localhost", "0x7f.0.0.1", "1.2.3.999",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        ip = 42;
        assert_int_equal(slsim_net_parse_ipv4(bad[i], &ip), SL_ERROR_NET_APP_DNS_BAD_ADDRESS_ERROR);
        assert_int_equal(ip, 42u); /* untouched on failure */
    }
}

static void test_net_parse_endpoint__ports_and_any(void **state)
{
    (void)state;
    uint32_t ip = 0;
    uint16_t port = 0;
    assert_int_equal(slsim_net_parse_endpoint("127.0.0.1:8883", false, &ip, &port), 0);
    assert_int_equal(ip, 0x7F000001u);
    assert_int_equal(port, 8883);
    assert_int_equal(slsim_net_parse_endpoint("10.0.0.1:65535", false, &ip, &port), 0);
    assert_int_equal(port, 65535);
    assert_int_equal(slsim_net_parse_endpoint("10.0.0.1:*", true, &ip, &port), 0);
    assert_int_equal(ip, IP(10, 0, 0, 1));
    assert_int_equal(port, SLSIM_NET_ANY_PORT);
    assert_int_equal(slsim_net_parse_endpoint("10.0.0.1:*", false, &ip, &port),
                     SL_ERROR_NET_APP_DNS_BAD_ADDRESS_ERROR);
    static const char *const bad[] = {
        "10.0.0.1",     "10.0.0.1:",           "10.0.0.1:0",  "10.0.0.1:65536",
        "10.0.0.1:08",  "10.0.0.1:80x",        "10.0.0.1:-1", "host:80",
        ":80",          "10.0.0.1:8:8",        "10.0.0.1:**", "999.0.0.1:80",
        "10.0.0.1 :80", "1111111111111111:80",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(slsim_net_parse_endpoint(bad[i], true, &ip, &port),
                         SL_ERROR_NET_APP_DNS_BAD_ADDRESS_ERROR);
    }
    assert_int_equal(slsim_net_parse_endpoint(NULL, true, &ip, &port),
                     SL_ERROR_NET_APP_DNS_BAD_ADDRESS_ERROR);
}

static void test_net_strings__endpoint_and_dest(void **state)
{
    (void)state;
    char buf[96];
    assert_string_equal(slsim_net_endpoint_str(IP(52, 1, 2, 3), 8883, buf, sizeof(buf)),
                        "52.1.2.3:8883");
    assert_string_equal(
        slsim_net_endpoint_str(IP(10, 0, 0, 1), SLSIM_NET_ANY_PORT, buf, sizeof(buf)),
        "10.0.0.1:*");
    assert_string_equal(slsim_net_endpoint_str(0xFFFFFFFFu, 65535, buf, sizeof(buf)),
                        "255.255.255.255:65535");
    assert_int_equal(strlen(buf) + 1, SLSIM_NET_EP_STRLEN);
    struct slsim_net_dest d;
    memset(&d, 0, sizeof(d));
    assert_string_equal(slsim_net_dest_str(&d, buf, sizeof(buf)), "-");
    assert_string_equal(slsim_net_dest_str(NULL, buf, sizeof(buf)), "-");
    d.set = true;
    d.ip = d.orig_ip = IP(127, 0, 0, 1);
    d.port = d.orig_port = 8883;
    assert_string_equal(slsim_net_dest_str(&d, buf, sizeof(buf)), "127.0.0.1:8883");
    d.remapped = true;
    d.port = 18883;
    d.orig_ip = IP(52, 1, 2, 3);
    assert_string_equal(slsim_net_dest_str(&d, buf, sizeof(buf)),
                        "127.0.0.1:18883 (remapped from 52.1.2.3:8883)");
}

static void test_net_dns__exact_case_insensitive(void **state)
{
    (void)state;
    struct slsim_net net;
    slsim_net_init(&net);
    const char *aws = "a3joj5u9gv9t8f.iot.us-east-1.amazonaws.com";
    assert_int_equal(slsim_net_dns_add(&net, aws, 0x7F000001u), 0);
    assert_int_equal(slsim_net_dns_add(&net, "Broker.Example.", IP(10, 0, 0, 7)), 0);
    uint32_t ip = 0;
    assert_true(slsim_net_dns_lookup(&net, aws, strlen(aws), &ip));
    assert_int_equal(ip, 0x7F000001u);
    const char *upper = "A3JOJ5U9GV9T8F.IOT.US-EAST-1.AMAZONAWS.COM.";
    assert_true(slsim_net_dns_lookup(&net, upper, strlen(upper), &ip));
    assert_int_equal(ip, 0x7F000001u);
    assert_true(slsim_net_dns_lookup(&net, "broker.example", 14, &ip));
    assert_int_equal(ip, IP(10, 0, 0, 7));
    /* By length: the bytes after len are not part of the name. */
    assert_true(slsim_net_dns_lookup(&net, "broker.exampleXYZ", 14, &ip));
    assert_false(slsim_net_dns_lookup(&net, "broker.exampl", 13, &ip));
    assert_false(slsim_net_dns_lookup(&net, "x.broker.example", 16, &ip)); /* not a wildcard */
    assert_false(slsim_net_dns_lookup(&net, "", 0, &ip));
    assert_false(slsim_net_dns_lookup(NULL, "broker.example", 14, &ip));
    /* Duplicates compare like lookups: any case, trailing dot. */
    assert_int_equal(slsim_net_dns_add(&net, "BROKER.example", 1),
                     SL_ERROR_NET_APP_DNS_DUPLICATE_ENTRY);
    assert_int_equal(net.ndns, 2u);
}

static void test_net_dns__wildcards(void **state)
{
    (void)state;
    struct slsim_net net;
    slsim_net_init(&net);
    assert_int_equal(slsim_net_dns_add(&net, "*.amazonaws.com", IP(10, 0, 0, 1)), 0);
    assert_int_equal(slsim_net_dns_add(&net, "*.iot.us-east-1.amazonaws.com", IP(10, 0, 0, 2)), 0);
    assert_int_equal(
        slsim_net_dns_add(&net, "special.iot.us-east-1.amazonaws.com", IP(10, 0, 0, 3)), 0);
    uint32_t ip = 0;
    const char *q1 = "abc.iot.us-east-1.amazonaws.com";
    assert_true(slsim_net_dns_lookup(&net, q1, strlen(q1), &ip));
    assert_int_equal(ip, IP(10, 0, 0, 2)); /* the longest suffix wins */
    const char *q2 = "s3.amazonaws.com";
    assert_true(slsim_net_dns_lookup(&net, q2, strlen(q2), &ip));
    assert_int_equal(ip, IP(10, 0, 0, 1));
    const char *q3 = "a.b.c.Amazonaws.COM";
    assert_true(slsim_net_dns_lookup(&net, q3, strlen(q3), &ip));
    assert_int_equal(ip, IP(10, 0, 0, 1)); /* several labels in front are fine */
    const char *q4 = "SPECIAL.iot.us-east-1.amazonaws.com";
    assert_true(slsim_net_dns_lookup(&net, q4, strlen(q4), &ip));
    assert_int_equal(ip, IP(10, 0, 0, 3)); /* exact beats any wildcard */
    assert_false(slsim_net_dns_lookup(&net, "amazonaws.com", 13, &ip));   /* not the apex */
    assert_false(slsim_net_dns_lookup(&net, "xamazonaws.com", 14, &ip));  /* label boundary */
    assert_false(slsim_net_dns_lookup(&net, "*.amazonaws.com", 15, &ip)); /* not a name */
}

static void test_net_dns__bad_names_and_limit(void **state)
{
    (void)state;
    struct slsim_net net;
    slsim_net_init(&net);
    char longname[300];
    memset(longname, 'a', sizeof(longname));
    longname[SLSIM_NET_NAME_MAX + 1] = '\0'; /* 254 characters */
    static const char *const bad[] = { "",     ".",   "a..b", ".a",   "*",       "*.",  "a.*.b",
                                       "**.a", "a b", "a/b",  "*..a", "1.2.3.4", "a..", "é.com" };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(slsim_net_dns_add(&net, bad[i], 1), SL_ERROR_NET_APP_DNS_PARAM_ERROR);
    }
    assert_int_equal(slsim_net_dns_add(&net, longname, 1), SL_ERROR_NET_APP_DNS_PARAM_ERROR);
    assert_int_equal(slsim_net_dns_add(&net, NULL, 1), SL_ERROR_NET_APP_DNS_PARAM_ERROR);
    longname[SLSIM_NET_NAME_MAX] = '\0'; /* 253: the longest allowed */
    assert_int_equal(slsim_net_dns_add(&net, longname, 1), 0);
    assert_int_equal(slsim_net_dns_add(&net, "under_score-dash.x", 2), 0);
    assert_int_equal(net.ndns, 2u);
    for (unsigned i = net.ndns; i < SLSIM_NET_DNS_MAX; i++) {
        char name[32];
        (void)snprintf(name, sizeof(name), "host%u.test", i);
        assert_int_equal(slsim_net_dns_add(&net, name, i), 0);
    }
    assert_int_equal(slsim_net_dns_add(&net, "one-too-many.test", 1),
                     SL_ERROR_NET_APP_DNS_NEED_MORE_RECORD_BUFFER);
    uint32_t ip = 0;
    assert_true(slsim_net_dns_lookup(&net, "HOST31.test", 11, &ip));
    assert_int_equal(ip, 31u);
}

static void test_net_remap__exact_any_keep(void **state)
{
    (void)state;
    struct slsim_net net;
    slsim_net_init(&net);
    /* The any-port entry first: the exact entry must still win. */
    assert_int_equal(slsim_net_remap_add(&net, IP(52, 1, 2, 3), SLSIM_NET_ANY_PORT,
                                         IP(127, 0, 0, 1), SLSIM_NET_ANY_PORT),
                     0);
    assert_int_equal(slsim_net_remap_add(&net, IP(52, 1, 2, 3), 8883, IP(127, 0, 0, 1), 18883), 0);
    assert_int_equal(
        slsim_net_remap_add(&net, IP(10, 0, 0, 1), SLSIM_NET_ANY_PORT, IP(127, 0, 0, 2), 9000), 0);
    uint32_t ip = 0;
    uint16_t port = 0;
    assert_true(slsim_net_remap_lookup(&net, IP(52, 1, 2, 3), 8883, &ip, &port));
    assert_int_equal(ip, IP(127, 0, 0, 1));
    assert_int_equal(port, 18883);
    assert_true(slsim_net_remap_lookup(&net, IP(52, 1, 2, 3), 443, &ip, &port));
    assert_int_equal(ip, IP(127, 0, 0, 1));
    assert_int_equal(port, 443); /* "*" target keeps the port */
    assert_true(slsim_net_remap_lookup(&net, IP(10, 0, 0, 1), 1883, &ip, &port));
    assert_int_equal(ip, IP(127, 0, 0, 2));
    assert_int_equal(port, 9000);
    assert_false(slsim_net_remap_lookup(&net, IP(52, 1, 2, 4), 8883, &ip, &port));
    assert_int_equal(ip, IP(52, 1, 2, 4)); /* no match: the input */
    assert_int_equal(port, 8883);
    /* Applied once: the target 127.0.0.1:18883 is not remapped again by another entry. */
    assert_int_equal(slsim_net_remap_add(&net, IP(127, 0, 0, 1), 18883, IP(1, 1, 1, 1), 1), 0);
    assert_true(slsim_net_remap_lookup(&net, IP(52, 1, 2, 3), 8883, &ip, &port));
    assert_int_equal(port, 18883);
    assert_false(slsim_net_remap_lookup(NULL, IP(52, 1, 2, 3), 8883, &ip, &port));
    assert_int_equal(port, 8883);
}

static void test_net_remap__duplicates_and_limit(void **state)
{
    (void)state;
    struct slsim_net net;
    slsim_net_init(&net);
    for (unsigned i = 0; i < SLSIM_NET_REMAP_MAX; i++) {
        assert_int_equal(slsim_net_remap_add(&net, IP(10, 0, 0, 1), (uint16_t)(1000 + i),
                                             IP(127, 0, 0, 1), (uint16_t)(2000 + i)),
                         0);
    }
    assert_int_equal(slsim_net_remap_add(&net, IP(10, 0, 0, 1), 1000, IP(127, 0, 0, 1), 1),
                     SL_ERROR_NET_APP_DNS_DUPLICATE_ENTRY);
    assert_int_equal(slsim_net_remap_add(&net, IP(10, 0, 0, 2), 1000, IP(127, 0, 0, 1), 1),
                     SL_ERROR_NET_APP_DNS_NEED_MORE_RECORD_BUFFER);
    uint32_t ip = 0;
    uint16_t port = 0;
    assert_true(slsim_net_remap_lookup(&net, IP(10, 0, 0, 1), 1031, &ip, &port));
    assert_int_equal(port, 2031);
}

/* ---- configuration keys ------------------------------------------------------------------- */

static int32_t parse(const char *json, struct slsim_device_config *cfg, struct slsim_diag *diag)
{
    slsim_diag_clear(diag);
    return slsim_device_config_parse(json, "/tmp", cfg, diag);
}

static void test_net_config__dns_and_remap(void **state)
{
    (void)state;
    struct slsim_device_config *cfg = calloc(1, sizeof(*cfg));
    assert_non_null(cfg);
    struct slsim_diag diag;
    assert_int_equal(
        parse("{\"image\": \"d.img\","
              " \"dns\": {\"a3joj5u9gv9t8f.iot.us-east-1.amazonaws.com\": \"127.0.0.1\","
              "          \"*.example.com\": \"10.0.0.9\"},"
              " \"remap\": {\"127.0.0.1:8883\": \"127.0.0.1:18883\","
              "            \"10.0.0.1:*\": \"127.0.0.1:*\"}}",
              cfg, &diag),
        0);
    assert_int_equal(cfg->net.ndns, 2u);
    assert_int_equal(cfg->net.nremap, 2u);
    uint32_t ip = 0;
    uint16_t port = 0;
    assert_true(slsim_net_dns_lookup(&cfg->net, "x.EXAMPLE.com", 13, &ip));
    assert_int_equal(ip, IP(10, 0, 0, 9));
    assert_true(slsim_net_remap_lookup(&cfg->net, 0x7F000001u, 8883, &ip, &port));
    assert_int_equal(port, 18883);
    assert_true(slsim_net_remap_lookup(&cfg->net, IP(10, 0, 0, 1), 5683, &ip, &port));
    assert_int_equal(ip, 0x7F000001u);
    assert_int_equal(port, 5683);
    /* Empty objects are fine; a configuration without the keys has empty tables. */
    assert_int_equal(parse("{\"image\": \"d.img\", \"dns\": {}, \"remap\": {}}", cfg, &diag), 0);
    assert_int_equal(cfg->net.ndns + cfg->net.nremap, 0u);
    free(cfg);
}

static const struct bad_config {
    const char *json;
    const char *reason; /* a substring of the diagnostic */
} bad_configs[] = {
    { "{\"image\":\"d\",\"dns\":[\"127.0.0.1\"]}", "\"dns\" must be an object" },
    { "{\"image\":\"d\",\"dns\":\"a=1.2.3.4\"}", "\"dns\" must be an object" },
    { "{\"image\":\"d\",\"dns\":{\"a.b\":2130706433}}", "must map to an IPv4 address" },
    { "{\"image\":\"d\",\"dns\":{\"a.b\":[\"1.2.3.4\"]}}", "must map to an IPv4 address" },
    { "{\"image\":\"d\",\"dns\":{\"a.b\":null}}", "must map to an IPv4 address" },
    { "{\"image\":\"d\",\"dns\":{\"a.b\":\"1.2.3.256\"}}", "\"a.b\" must map to an IPv4" },
    { "{\"image\":\"d\",\"dns\":{\"a.b\":\"localhost\"}}", "must map to an IPv4 address" },
    { "{\"image\":\"d\",\"dns\":{\"a b\":\"1.2.3.4\"}}", "\"a b\" is not a valid host name" },
    { "{\"image\":\"d\",\"dns\":{\"a.b\":\"1.2.3.4\",\"A.B\":\"1.2.3.5\"}}", "listed twice" },
    { "{\"image\":\"d\",\"dns\":{},\"dns\":{}}", "given twice" },
    { "{\"image\":\"d\",\"remap\":[]}", "\"remap\" must be an object" },
    { "{\"image\":\"d\",\"remap\":{\"1.2.3.4\":\"127.0.0.1:1\"}}", "\"1.2.3.4\" is not" },
    { "{\"image\":\"d\",\"remap\":{\"1.2.3.4:70000\":\"127.0.0.1:1\"}}",
      "is not \"a.b.c.d:port\"" },
    { "{\"image\":\"d\",\"remap\":{\"host:80\":\"127.0.0.1:1\"}}", "is not \"a.b.c.d:port\"" },
    { "{\"image\":\"d\",\"remap\":{\"1.2.3.4:80\":\"127.0.0.1:0\"}}", "must map to a string" },
    { "{\"image\":\"d\",\"remap\":{\"1.2.3.4:80\":\"127.0.0.1\"}}", "must map to a string" },
    { "{\"image\":\"d\",\"remap\":{\"1.2.3.4:80\":18883}}", "must map to a string" },
    { "{\"image\":\"d\",\"remap\":{\"1.2.3.4:80\":{}}}", "must map to a string" },
    { "{\"image\":\"d\",\"remap\":{\"1.2.3.4:80\":\"1.1.1.1:1\",\"1.2.3.4:80\":\"1.1.1.1:2\"}}",
      "\"1.2.3.4:80\" is listed twice" },
    { "{\"image\":\"d\",\"Dns\":{}}", "unknown key \"Dns\"" },
};

static void test_net_config__errors(void **state)
{
    (void)state;
    struct slsim_device_config *cfg = calloc(1, sizeof(*cfg));
    assert_non_null(cfg);
    struct slsim_diag diag;
    for (size_t i = 0; i < sizeof(bad_configs) / sizeof(bad_configs[0]); i++) {
        int32_t ret = parse(bad_configs[i].json, cfg, &diag);
        if (ret != SL_ERROR_FS_INVALID_ARGS || strstr(diag.msg, bad_configs[i].reason) == NULL) {
            fail_msg("config %zu: ret %d, diag '%s', want '%s'", i, (int)ret, diag.msg,
                     bad_configs[i].reason);
        }
    }
    free(cfg);
}

/* Builds {"image":"d","<key>":{ n entries }} with names host<i>.test or ports 10.0.0.1:<i+1>. */
static char *many_entries(const char *key, unsigned n)
{
    size_t cap = 64 + (size_t)n * 48;
    char *json = malloc(cap);
    assert_non_null(json);
    size_t off = (size_t)snprintf(json, cap, "{\"image\":\"d\",\"%s\":{", key);
    for (unsigned i = 0; i < n; i++) {
        if (key[0] == 'd') {
            off += (size_t)snprintf(json + off, cap - off, "%s\"host%u.test\":\"10.0.0.1\"",
                                    i ? "," : "", i);
        } else {
            off += (size_t)snprintf(json + off, cap - off, "%s\"10.0.0.1:%u\":\"127.0.0.1:*\"",
                                    i ? "," : "", i + 1);
        }
    }
    (void)snprintf(json + off, cap - off, "}}");
    return json;
}

static void test_net_config__too_many_entries(void **state)
{
    (void)state;
    struct slsim_device_config *cfg = calloc(1, sizeof(*cfg));
    assert_non_null(cfg);
    struct slsim_diag diag;
    static const struct {
        const char *key;
        unsigned max;
        const char *reason;
    } cases[] = { { "dns", SLSIM_NET_DNS_MAX, "\"dns\": more than 32 entries" },
                  { "remap", SLSIM_NET_REMAP_MAX, "\"remap\": more than 32 entries" } };
    for (size_t i = 0; i < 2; i++) {
        char *json = many_entries(cases[i].key, cases[i].max);
        assert_int_equal(parse(json, cfg, &diag), 0);
        free(json);
        json = many_entries(cases[i].key, cases[i].max + 1);
        assert_int_equal(parse(json, cfg, &diag), SL_ERROR_FS_INVALID_ARGS);
        assert_string_equal(diag.msg, cases[i].reason);
        free(json);
    }
    free(cfg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_net_parse_ipv4__valid_and_invalid),
        cmocka_unit_test(test_net_parse_endpoint__ports_and_any),
        cmocka_unit_test(test_net_strings__endpoint_and_dest),
        cmocka_unit_test(test_net_dns__exact_case_insensitive),
        cmocka_unit_test(test_net_dns__wildcards),
        cmocka_unit_test(test_net_dns__bad_names_and_limit),
        cmocka_unit_test(test_net_remap__exact_any_keep),
        cmocka_unit_test(test_net_remap__duplicates_and_limit),
        cmocka_unit_test(test_net_config__dns_and_remap),
        cmocka_unit_test(test_net_config__errors),
        cmocka_unit_test(test_net_config__too_many_entries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file tls_test_util.c
 * @brief Helpers of the tls tests (see tls_test_util.h). Everything is bounded in time.
 */
#include "tls_test_util.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/banned.h"

#ifndef TT_PKI_DIR
#error "TT_PKI_DIR must be defined by CMake"
#endif

static void die(const char *what)
{
    (void)fprintf(stderr, "tls test: %s: %s\n", what, strerror(errno));
    abort();
}

const char *tt_pki(void)
{
    static const char ok[] = TT_PKI_DIR "/ok";
    if (access(ok, R_OK) != 0) {
        int rc = system("sh '" TT_PKI_SCRIPT "' '" TT_PKI_DIR "' >/dev/null");
        if (rc == -1 || !WIFEXITED(rc) || WEXITSTATUS(rc) == 77) {
            (void)fprintf(stderr, "tls test: openssl not available, skipping\n");
            exit(77);
        }
        if (WEXITSTATUS(rc) != 0) {
            (void)fprintf(stderr, "tls test: %s failed\n", TT_PKI_SCRIPT);
            exit(1);
        }
    }
    return TT_PKI_DIR;
}

uint8_t *tt_file(const char *name, size_t *len)
{
    char path[512];
    (void)snprintf(path, sizeof(path), "%s/%s", tt_pki(), name);
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        die(path);
    }
    uint8_t *buf = malloc(65536);
    if (buf == NULL) {
        die("malloc");
    }
    *len = fread(buf, 1, 65536, f);
    (void)fclose(f);
    return buf;
}

int64_t tt_now_ms(void)
{
    struct timespec ts;
    (void)clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

short tt_wait(int fd, short events, int ms)
{
    struct pollfd p = { .fd = fd, .events = events, .revents = 0 };
    if (poll(&p, 1, ms < 0 ? 0 : ms) <= 0) {
        return 0;
    }
    return p.revents;
}

static void nonblock(int fd)
{
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) != 0) {
        die("fcntl");
    }
}

static struct sockaddr_in loopback(uint16_t port)
{
    struct sockaddr_in a;
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

static void set_buf(int fd, int opt, int bytes)
{
    if (bytes > 0 && setsockopt(fd, SOL_SOCKET, opt, &bytes, sizeof(bytes)) != 0) {
        die("setsockopt");
    }
}

static int listen_buf(uint16_t *port, int sndbuf)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = loopback(0);
    socklen_t alen = sizeof(a);
    if (fd < 0) {
        die("socket");
    }
    set_buf(fd, SO_SNDBUF, sndbuf); /* inherited by the accepted socket */
    if (bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(fd, 8) != 0 ||
        getsockname(fd, (struct sockaddr *)&a, &alen) != 0) {
        die("listen");
    }
    *port = ntohs(a.sin_port);
    return fd;
}

static int connect_buf(uint16_t port, int rcvbuf)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = loopback(port);
    if (fd < 0) {
        die("socket");
    }
    set_buf(fd, SO_RCVBUF, rcvbuf); /* before connect: it sizes the advertised window */
    if (connect(fd, (struct sockaddr *)&a, sizeof(a)) != 0) {
        die("connect");
    }
    nonblock(fd);
    return fd;
}

int tt_listen(uint16_t *port)
{
    return listen_buf(port, 0);
}

int tt_connect(uint16_t port)
{
    return connect_buf(port, 0);
}

int tt_accept(int lfd)
{
    if ((tt_wait(lfd, POLLIN, 2000) & POLLIN) == 0) {
        return -1;
    }
    int fd = accept(lfd, NULL, NULL);
    if (fd >= 0) {
        nonblock(fd);
    }
    return fd;
}

void tt_pair_small(int *client, int *server, int client_rcvbuf, int server_sndbuf)
{
    uint16_t port;
    int lfd = listen_buf(&port, server_sndbuf);
    *client = connect_buf(port, client_rcvbuf);
    *server = tt_accept(lfd);
    if (*server < 0) {
        die("accept");
    }
    (void)close(lfd);
}

void tt_pair(int *client, int *server)
{
    tt_pair_small(client, server, 0, 0);
}

struct slsim_tls_config tt_client_cfg(void)
{
    struct slsim_tls_config c;
    memset(&c, 0, sizeof(c));
    c.min_version = SLSIM_TLS_V1_0;
    c.max_version = SLSIM_TLS_V1_2;
    return c;
}

/* ---- drivers -------------------------------------------------------------------------------- */

static bool waiting(int r)
{
    return r == SLSIM_TLS_WANT_READ || r == SLSIM_TLS_WANT_WRITE;
}

static short events_of(int r)
{
    return r == SLSIM_TLS_WANT_WRITE ? POLLOUT : POLLIN;
}

static void step(struct tt_end *e)
{
    e->r = slsim_tls_handshake(e->t, &e->alert, &e->why);
    if (e->r == SLSIM_TLS_WANT_WRITE) {
        e->want_write++;
    }
}

int tt_drive(struct tt_end *e, int ms)
{
    int64_t end = tt_now_ms() + ms;
    for (;;) {
        step(e);
        if (!waiting(e->r)) {
            return e->r;
        }
        int64_t left = end - tt_now_ms();
        if (left <= 0) {
            e->r = TT_TIMEOUT;
            return e->r;
        }
        (void)tt_wait(e->fd, events_of(e->r), (int)left);
    }
}

/* Steps an end that still waits; adds it to the poll set or, if it failed, shuts it down. */
static void pair_step(struct tt_end *e, struct pollfd *p, nfds_t *n)
{
    if (!waiting(e->r)) {
        return;
    }
    step(e);
    if (waiting(e->r)) {
        p[(*n)++] = (struct pollfd){ .fd = e->fd, .events = events_of(e->r) };
    } else if (e->r != SLSIM_TLS_OK) {
        (void)shutdown(e->fd, SHUT_RDWR);
    }
}

void tt_drive_pair(struct tt_end *a, struct tt_end *b, int ms)
{
    int64_t end = tt_now_ms() + ms;
    a->r = b->r = SLSIM_TLS_WANT_READ;
    for (;;) {
        struct pollfd p[2];
        nfds_t n = 0;
        pair_step(a, p, &n);
        pair_step(b, p, &n);
        int64_t left = end - tt_now_ms();
        if (n == 0 || left <= 0) {
            break;
        }
        (void)poll(p, n, (int)(left > 50 ? 50 : left));
    }
    a->r = waiting(a->r) ? TT_TIMEOUT : a->r;
    b->r = waiting(b->r) ? TT_TIMEOUT : b->r;
}

int tt_write_all(struct tt_end *e, const void *buf, size_t len, int ms)
{
    int64_t end = tt_now_ms() + ms;
    size_t done = 0;
    while (done < len) {
        size_t n = 0;
        e->r = slsim_tls_write(e->t, (const uint8_t *)buf + done, len - done, &n, &e->why);
        done += n;
        if (e->r == SLSIM_TLS_OK) {
            continue;
        }
        if (!waiting(e->r) || tt_now_ms() >= end) {
            return waiting(e->r) ? TT_TIMEOUT : e->r;
        }
        (void)tt_wait(e->fd, events_of(e->r), 50);
    }
    return SLSIM_TLS_OK;
}

int tt_read_n(struct tt_end *e, void *buf, size_t len, size_t *got, int ms)
{
    int64_t end = tt_now_ms() + ms;
    *got = 0;
    while (*got < len) {
        size_t n = 0;
        e->r = slsim_tls_read(e->t, (uint8_t *)buf + *got, len - *got, &n, &e->alert, &e->why);
        *got += n;
        if (e->r == SLSIM_TLS_OK) {
            continue;
        }
        if (!waiting(e->r) || tt_now_ms() >= end) {
            return waiting(e->r) ? TT_TIMEOUT : e->r;
        }
        (void)tt_wait(e->fd, events_of(e->r), 50);
    }
    return SLSIM_TLS_OK;
}

/* ---- openssl s_server ----------------------------------------------------------------------- */

static uint16_t free_port(void)
{
    uint16_t port;
    int fd = tt_listen(&port);
    (void)close(fd);
    return port;
}

static void child_exec(const struct tt_sserver *s, int in, const char *const *args)
{
    /* execvp() wants char *const []: copy the arguments into writable storage. */
    static char store[48][160];
    char *argv[48];
    size_t n = 0;
    const char *fixed[] = { "openssl", "s_server", "-accept", NULL };
    for (size_t i = 0; fixed[i] != NULL; i++) {
        (void)snprintf(store[n], sizeof(store[n]), "%s", fixed[i]);
        argv[n] = store[n];
        n++;
    }
    (void)snprintf(store[n], sizeof(store[n]), "%u", (unsigned)s->port);
    argv[n] = store[n];
    n++;
    for (size_t i = 0; args[i] != NULL && n + 1 < 48; i++) {
        (void)snprintf(store[n], sizeof(store[n]), "%s", args[i]);
        argv[n] = store[n];
        n++;
    }
    argv[n] = NULL;
    int log = open(s->log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (log < 0 || chdir(tt_pki()) != 0 || dup2(in, 0) < 0 || dup2(log, 1) < 0 ||
        dup2(log, 2) < 0) {
        _exit(126);
    }
    execvp("openssl", argv);
    _exit(127);
}

int tt_sserver_start(struct tt_sserver *s, const char *const *args)
{
    static unsigned seq;
    int pipefd[2];
    memset(s, 0, sizeof(*s));
    s->port = free_port();
    /* Numbered per run, so a rerun overwrites the logs of the previous one. */
    (void)snprintf(s->log, sizeof(s->log), "%s/../sserver-%u.log", tt_pki(), seq++);
    (void)unlink(s->log); /* never read the previous run's "ACCEPT" */
    if (pipe(pipefd) != 0) {
        die("pipe");
    }
    s->pid = fork();
    if (s->pid < 0) {
        die("fork");
    }
    if (s->pid == 0) {
        (void)close(pipefd[1]);
        child_exec(s, pipefd[0], args);
    }
    (void)close(pipefd[0]);
    s->in = pipefd[1];
    if (!tt_sserver_log_has(s, "ACCEPT", 5000)) {
        tt_sserver_dump(s);
        tt_sserver_stop(s);
        return -1;
    }
    return 0;
}

void tt_sserver_stop(struct tt_sserver *s)
{
    if (s->pid > 0) {
        (void)kill(s->pid, SIGTERM);
        (void)kill(s->pid, SIGCONT);
        int64_t end = tt_now_ms() + 2000;
        while (waitpid(s->pid, NULL, WNOHANG) == 0) {
            if (tt_now_ms() > end) {
                (void)kill(s->pid, SIGKILL);
                (void)waitpid(s->pid, NULL, 0);
                break;
            }
            (void)poll(NULL, 0, 5);
        }
        s->pid = 0;
    }
    if (s->in > 0) {
        (void)close(s->in);
        s->in = 0;
    }
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    char *buf = calloc(1, 262144);
    if (buf != NULL) {
        (void)fread(buf, 1, 262143, f);
    }
    (void)fclose(f);
    return buf;
}

bool tt_sserver_log_has(const struct tt_sserver *s, const char *needle, int ms)
{
    int64_t end = tt_now_ms() + ms;
    for (;;) {
        char *text = slurp(s->log);
        bool found = text != NULL && strstr(text, needle) != NULL;
        free(text);
        if (found || tt_now_ms() >= end) {
            return found;
        }
        (void)poll(NULL, 0, 10);
    }
}

void tt_sserver_log_value(const struct tt_sserver *s, const char *key, char *out, size_t size)
{
    char *text = slurp(s->log);
    const char *p = text != NULL ? strstr(text, key) : NULL;
    out[0] = '\0';
    if (p != NULL) {
        p += strlen(key);
        size_t n = strcspn(p, "\r\n");
        (void)snprintf(out, size, "%.*s", (int)n, p);
    }
    free(text);
}

void tt_sserver_dump(const struct tt_sserver *s)
{
    char *text = slurp(s->log);
    (void)fprintf(stderr, "---- %s ----\n%s\n----\n", s->log, text != NULL ? text : "(none)");
    free(text);
}

/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file matrix_util.c
 * @brief Helpers of the bad-server matrix; see matrix_util.h.
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "matrix_util.h"

#include "device/device.h"
#include "sock/sock.h"

#define MX_MAX_CHILDREN 32
#define MX_LINE         "hello slsim matrix\n"
#define MX_REVERSED     "xirtam misls olleh\n" /* s_server -rev answers each line reversed */

/* ---- processes ------------------------------------------------------------------------------ */

/* The cleanup list. Read by signal handlers, so plain volatile slots (0 = free). */
static volatile pid_t children[MX_MAX_CHILDREN];

void mx_kill_all(void)
{
    for (int i = 0; i < MX_MAX_CHILDREN; i++) {
        pid_t pid = children[i];
        if (pid > 0) {
            (void)kill(pid, SIGKILL);
            (void)waitpid(pid, NULL, 0);
            children[i] = 0;
        }
    }
}

static void on_fatal_signal(int sig)
{
    for (int i = 0; i < MX_MAX_CHILDREN; i++) {
        if (children[i] > 0) {
            (void)kill(children[i], SIGKILL);
        }
    }
    static const char msg[] = "matrix: watchdog or signal: servers killed, giving up\n";
    ssize_t w = write(2, msg, sizeof(msg) - 1);
    (void)w;
    _exit(sig == SIGALRM ? 1 : 128 + sig);
}

void mx_safety_net(unsigned watchdog_s)
{
    static bool installed;
    if (!installed) {
        installed = true;
        (void)atexit(mx_kill_all);
        struct sigaction sa;
        memset(&sa, 0, sizeof(sa));
        sa.sa_handler = on_fatal_signal;
        (void)sigemptyset(&sa.sa_mask);
        (void)sigaction(SIGALRM, &sa, NULL);
        (void)sigaction(SIGTERM, &sa, NULL);
        (void)sigaction(SIGINT, &sa, NULL);
        (void)signal(SIGPIPE, SIG_IGN); /* a peer that closes must not kill the test */
    }
    (void)alarm(watchdog_s);
}

bool mx_which(const char *prog, char *out, size_t size)
{
    const char *path = getenv("PATH");
    if (path == NULL) {
        return false;
    }
    while (*path != '\0') {
        size_t n = strcspn(path, ":");
        int w = snprintf(out, size, "%.*s/%s", (int)n, path, prog);
        if (w > 0 && (size_t)w < size && access(out, X_OK) == 0) {
            return true;
        }
        path += n;
        if (*path == ':') {
            path++;
        }
    }
    return false;
}

/* A mutable copy of argv made before fork (the child may only call async-signal-safe code). */
struct argv_copy {
    char *v[48];
    char store[8192];
};

static bool copy_argv(const char *const *argv, struct argv_copy *c)
{
    size_t used = 0;
    size_t i = 0;
    for (; argv[i] != NULL; i++) {
        size_t n = strlen(argv[i]) + 1;
        if (i + 1 >= sizeof(c->v) / sizeof(c->v[0]) || used + n > sizeof(c->store)) {
            return false;
        }
        memcpy(c->store + used, argv[i], n);
        c->v[i] = c->store + used;
        used += n;
    }
    c->v[i] = NULL;
    return i > 0;
}

static bool list_add(pid_t pid)
{
    for (int i = 0; i < MX_MAX_CHILDREN; i++) {
        if (children[i] == 0) {
            children[i] = pid;
            return true;
        }
    }
    return false;
}

static void list_remove(pid_t pid)
{
    for (int i = 0; i < MX_MAX_CHILDREN; i++) {
        if (children[i] == pid) {
            children[i] = 0;
        }
    }
}

pid_t mx_spawn(const char *const *argv, const char *log)
{
    static struct argv_copy c; /* the parent spawns from one thread only */
    char logpath[MX_PATH];
    if (!copy_argv(argv, &c) || snprintf(logpath, sizeof(logpath), "%s", log) >= MX_PATH) {
        return -1;
    }
    struct rlimit rl;
    int maxfd = 1024;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < 4096) {
        maxfd = (int)rl.rlim_cur;
    }
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0) {
        (void)prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) {
            _exit(127);
        }
        int in = open("/dev/null", O_RDONLY);
        int out = open(logpath, O_WRONLY | O_CREAT | O_APPEND, 0600);
        if (in < 0 || out < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0) {
            _exit(127);
        }
        for (int fd = 3; fd < maxfd; fd++) {
            (void)close(fd); /* no device socket or listener leaks into a server */
        }
        (void)execv(c.v[0], c.v);
        _exit(127);
    }
    if (pid > 0 && !list_add(pid)) {
        (void)kill(pid, SIGKILL);
        (void)waitpid(pid, NULL, 0);
        return -1;
    }
    return pid;
}

void mx_kill(pid_t pid)
{
    if (pid <= 0) {
        return;
    }
    (void)kill(pid, SIGKILL);
    (void)waitpid(pid, NULL, 0);
    list_remove(pid);
}

int mx_run(const char *const *argv, const char *log, int timeout_ms)
{
    pid_t pid = mx_spawn(argv, log);
    if (pid < 0) {
        return -1;
    }
    int64_t end = mx_now_ms() + timeout_ms;
    for (;;) {
        int st = 0;
        pid_t r = waitpid(pid, &st, WNOHANG);
        if (r == pid) {
            list_remove(pid);
            return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
        }
        if (r < 0 && errno != EINTR) {
            list_remove(pid);
            return -1;
        }
        if (mx_now_ms() > end) {
            mx_kill(pid);
            return -1;
        }
        mx_sleep_ms(2);
    }
}

/* ---- files ---------------------------------------------------------------------------------- */

bool mx_write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (f == NULL) {
        return false;
    }
    bool ok = fwrite(data, 1, len, f) == len;
    return fclose(f) == 0 && ok;
}

char *mx_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    size_t cap = 4096;
    size_t n = 0;
    char *buf = malloc(cap + 1);
    while (buf != NULL) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap) {
            break;
        }
        char *bigger = realloc(buf, cap * 2 + 1);
        if (bigger == NULL) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = bigger;
        cap *= 2;
    }
    if (buf != NULL && ferror(f)) {
        free(buf);
        buf = NULL;
    }
    (void)fclose(f);
    if (buf != NULL) {
        buf[n] = '\0';
        if (len != NULL) {
            *len = n;
        }
    }
    return buf;
}

bool mx_wait_for_text(const char *path, const char *text, int timeout_ms)
{
    int64_t end = mx_now_ms() + timeout_ms;
    do {
        char *content = mx_read_file(path, NULL);
        bool found = content != NULL && strstr(content, text) != NULL;
        free(content);
        if (found) {
            return true;
        }
        mx_sleep_ms(10);
    } while (mx_now_ms() < end);
    return false;
}

void mx_rmtree(const char *path)
{
    DIR *d = opendir(path);
    if (d != NULL) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) {
                continue;
            }
            char sub[MX_PATH * 2];
            (void)snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
            struct stat st;
            if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode)) {
                mx_rmtree(sub);
            } else {
                (void)unlink(sub);
            }
        }
        (void)closedir(d);
    }
    (void)rmdir(path);
}

/* ---- servers -------------------------------------------------------------------------------- */

static int loopback_listener(uint16_t *port)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return -1;
    }
    struct sockaddr_in a;
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t alen = sizeof(a);
    if (bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(fd, 16) != 0 ||
        getsockname(fd, (struct sockaddr *)&a, &alen) != 0) {
        (void)close(fd);
        return -1;
    }
    *port = ntohs(a.sin_port);
    return fd;
}

uint16_t mx_free_port(void)
{
    uint16_t port = 0;
    int fd = loopback_listener(&port);
    if (fd < 0) {
        return 0;
    }
    (void)close(fd);
    return port;
}

bool mx_s_server_start(struct mx_s_server *s,
                       const char *openssl,
                       const char *const *args,
                       const char *log)
{
    memset(s, 0, sizeof(*s));
    s->pid = -1;
    (void)snprintf(s->log, sizeof(s->log), "%s", log);
    for (int attempt = 0; attempt < 3; attempt++) {
        s->port = mx_free_port();
        char accept[32];
        (void)snprintf(accept, sizeof(accept), "127.0.0.1:%u", (unsigned)s->port);
        const char *argv[40] = { openssl, "s_server", "-accept", accept, "-rev" };
        size_t n = 5;
        for (size_t i = 0; args != NULL && args[i] != NULL && n + 1 < 40; i++) {
            argv[n++] = args[i];
        }
        argv[n] = NULL;
        (void)mx_write_file(log, "", 0); /* a fresh log: ACCEPT must be this run's */
        s->pid = mx_spawn(argv, log);
        if (s->pid < 0) {
            return false;
        }
        int64_t end = mx_now_ms() + 5000;
        while (mx_now_ms() < end) {
            if (mx_wait_for_text(log, "ACCEPT", 0)) {
                return true;
            }
            if (waitpid(s->pid, NULL, WNOHANG) == s->pid) {
                list_remove(s->pid);
                s->pid = -1;
                break; /* died (port taken by a racer?): try another port */
            }
            mx_sleep_ms(10);
        }
        mx_s_server_stop(s);
    }
    return false;
}

void mx_s_server_stop(struct mx_s_server *s)
{
    if (s != NULL && s->pid > 0) {
        mx_kill(s->pid);
        s->pid = -1;
    }
}

#define MX_TCP_CONNS 8

struct mx_tcp_server {
    enum mx_tcp_kind kind;
    int lfd;
    int conns[MX_TCP_CONNS];
    bool answered[MX_TCP_CONNS];
    int up[MX_TCP_CONNS];          /* proxy: the connection to the target */
    int64_t release[MX_TCP_CONNS]; /* proxy: when the target's bytes may flow */
    uint16_t target;
    unsigned delay_ms;
    pthread_t thread;
    atomic_bool stop;
    atomic_uint accepted;
};

static void drop_conn(struct mx_tcp_server *s, int i)
{
    (void)close(s->conns[i]);
    s->conns[i] = -1;
    if (s->up[i] >= 0) {
        (void)close(s->up[i]);
        s->up[i] = -1;
    }
}

/* Writes all of @p len bytes (small TLS flights; bounded by the peer's buffer). */
static bool send_all(int fd, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t w = send(fd, buf, len, MSG_NOSIGNAL);
        if (w <= 0) {
            return false;
        }
        buf += w;
        len -= (size_t)w;
    }
    return true;
}

static int connect_loopback(uint16_t port)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return -1;
    }
    struct sockaddr_in a;
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(port);
    if (connect(fd, (struct sockaddr *)&a, sizeof(a)) != 0) {
        (void)close(fd);
        return -1;
    }
    return fd;
}

/* Proxy: one direction of connection @p i is readable. */
static void relay(struct mx_tcp_server *s, int i, bool from_upstream)
{
    char buf[16384];
    int from = from_upstream ? s->up[i] : s->conns[i];
    int to = from_upstream ? s->conns[i] : s->up[i];
    ssize_t n = recv(from, buf, sizeof(buf), 0);
    if (n <= 0 || !send_all(to, buf, (size_t)n)) {
        drop_conn(s, i);
    }
}

static void handle_readable(struct mx_tcp_server *s, int i)
{
    char buf[16384];
    ssize_t n = recv(s->conns[i], buf, sizeof(buf), 0);
    if (n <= 0) {
        drop_conn(s, i);
        return;
    }
    switch (s->kind) {
    case MX_TCP_PROXY:
        break; /* relay() handles it */
    case MX_TCP_CLOSE:
        drop_conn(s, i); /* in the middle of the handshake */
        break;
    case MX_TCP_GARBAGE:
        if (!s->answered[i]) {
            static const char junk[] = "HTTP/1.1 400 Bad Request\r\n"
                                       "Content-Type: text/plain\r\nContent-Length: 12\r\n\r\n"
                                       "not TLS, no\n";
            ssize_t w = send(s->conns[i], junk, sizeof(junk) - 1, MSG_NOSIGNAL);
            (void)w;
            s->answered[i] = true;
        }
        break;
    case MX_TCP_STALL:
        break; /* reads and says nothing */
    }
}

static void *tcp_server_main(void *arg)
{
    struct mx_tcp_server *s = arg;
    while (!atomic_load(&s->stop)) {
        struct pollfd p[1 + 2 * MX_TCP_CONNS];
        int idx[1 + 2 * MX_TCP_CONNS];
        bool upstream[1 + 2 * MX_TCP_CONNS];
        nfds_t n = 0;
        p[n].fd = s->lfd;
        p[n].events = POLLIN;
        upstream[n] = false;
        idx[n++] = -1;
        int64_t now = mx_now_ms();
        for (int i = 0; i < MX_TCP_CONNS; i++) {
            if (s->conns[i] >= 0) {
                p[n].fd = s->conns[i];
                p[n].events = POLLIN;
                upstream[n] = false;
                idx[n++] = i;
            }
            if (s->conns[i] >= 0 && s->up[i] >= 0 && now >= s->release[i]) {
                p[n].fd = s->up[i];
                p[n].events = POLLIN;
                upstream[n] = true;
                idx[n++] = i;
            }
        }
        if (poll(p, n, 10) <= 0) {
            continue;
        }
        for (nfds_t k = 1; k < n; k++) {
            int i = idx[k];
            if (p[k].revents == 0 || s->conns[i] < 0) {
                continue; /* dropped by an earlier entry of this pass */
            }
            if (s->kind == MX_TCP_PROXY) {
                relay(s, i, upstream[k]);
            } else {
                handle_readable(s, i);
            }
        }
        if ((p[0].revents & POLLIN) != 0) {
            int c = accept(s->lfd, NULL, NULL);
            int slot = -1;
            for (int i = 0; c >= 0 && i < MX_TCP_CONNS && slot < 0; i++) {
                slot = s->conns[i] < 0 ? i : -1;
            }
            if (slot >= 0 && s->kind == MX_TCP_PROXY) {
                s->up[slot] = connect_loopback(s->target);
                s->release[slot] = mx_now_ms() + s->delay_ms;
                if (s->up[slot] < 0) {
                    (void)close(c);
                    slot = -1;
                    c = -1;
                }
            }
            if (slot >= 0) {
                s->conns[slot] = c;
                s->answered[slot] = false;
                atomic_fetch_add(&s->accepted, 1u);
            } else if (c >= 0) {
                (void)close(c);
            }
        }
    }
    return NULL;
}

static struct mx_tcp_server *
tcp_start(enum mx_tcp_kind kind, uint16_t target, unsigned delay_ms, uint16_t *port)
{
    struct mx_tcp_server *s = calloc(1, sizeof(*s));
    if (s == NULL) {
        return NULL;
    }
    s->kind = kind;
    s->target = target;
    s->delay_ms = delay_ms;
    for (int i = 0; i < MX_TCP_CONNS; i++) {
        s->conns[i] = -1;
        s->up[i] = -1;
    }
    atomic_init(&s->stop, false);
    atomic_init(&s->accepted, 0u);
    s->lfd = loopback_listener(port);
    if (s->lfd < 0 || pthread_create(&s->thread, NULL, tcp_server_main, s) != 0) {
        if (s->lfd >= 0) {
            (void)close(s->lfd);
        }
        free(s);
        return NULL;
    }
    return s;
}

struct mx_tcp_server *mx_tcp_server_start(enum mx_tcp_kind kind, uint16_t *port)
{
    return kind == MX_TCP_PROXY ? NULL : tcp_start(kind, 0, 0, port);
}

struct mx_tcp_server *mx_tcp_proxy_start(uint16_t target, unsigned delay_ms, uint16_t *port)
{
    return tcp_start(MX_TCP_PROXY, target, delay_ms, port);
}

void mx_tcp_server_stop(struct mx_tcp_server *s)
{
    if (s == NULL) {
        return;
    }
    atomic_store(&s->stop, true);
    (void)pthread_join(s->thread, NULL);
    for (int i = 0; i < MX_TCP_CONNS; i++) {
        if (s->conns[i] >= 0) {
            drop_conn(s, i);
        }
    }
    (void)close(s->lfd);
    free(s);
}

unsigned mx_tcp_server_accepted(struct mx_tcp_server *s)
{
    return atomic_load(&s->accepted);
}

/* ---- the device ----------------------------------------------------------------------------- */

static bool run_cli(const struct mx_dev *d, const char *const *argv, char *why, size_t why_size)
{
    int rc = mx_run(argv, d->log, 20000);
    if (rc != 0) {
        (void)snprintf(why, why_size, "'slsim %s %s' exited %d (see %s)", argv[1], argv[2], rc,
                       d->log);
        return false;
    }
    return true;
}

bool mx_dev_new(struct mx_dev *d,
                const char *slsim,
                const char *parent,
                const char *profile,
                const struct mx_file *files,
                size_t nfiles,
                const char *catalog,
                const char *clock,
                char *why,
                size_t why_size)
{
    memset(d, 0, sizeof(*d));
    (void)snprintf(d->dir, sizeof(d->dir), "%s/dev-XXXXXX", parent);
    if (mkdtemp(d->dir) == NULL) {
        (void)snprintf(why, why_size, "mkdtemp under %s: %s", parent, strerror(errno));
        d->dir[0] = '\0';
        return false;
    }
    (void)snprintf(d->img, sizeof(d->img), "%s/dev.img", d->dir);
    (void)snprintf(d->cfg, sizeof(d->cfg), "%s/dev.json", d->dir);
    (void)snprintf(d->log, sizeof(d->log), "%s/cli.log", d->dir);
    const char *create[] = { slsim, "image", "create", d->img, "--profile", profile, NULL };
    bool ok = run_cli(d, create, why, why_size);
    for (size_t i = 0; ok && i < nfiles; i++) {
        const char *put[] = { slsim, "fs", "put", d->img, files[i].host, files[i].devname, NULL };
        ok = run_cli(d, put, why, why_size);
    }
    if (ok && catalog != NULL) {
        const char *install[] = { slsim, "catalog", "install", d->img, catalog, NULL };
        ok = run_cli(d, install, why, why_size);
    }
    char json[192];
    int jn = snprintf(json, sizeof(json), "{\"image\": \"dev.img\", \"profile\": \"%s\"%s%s%s}\n",
                      profile, clock != NULL ? ", \"clock\": \"" : "", clock != NULL ? clock : "",
                      clock != NULL ? "\"" : "");
    if (ok && !mx_write_file(d->cfg, json, (size_t)jn)) {
        (void)snprintf(why, why_size, "cannot write %s", d->cfg);
        ok = false;
    }
    if (ok && slsim_emu_device_open(d->cfg, &d->dev) != 0) {
        (void)snprintf(why, why_size, "slsim_emu_device_open: %s", slsim_emu_last_error());
        d->dev = NULL;
        ok = false;
    }
    if (ok) {
        slsim_emu_use(d->dev);
        long role = sl_Start(NULL, NULL, NULL);
        if (role < 0) {
            (void)snprintf(why, why_size, "sl_Start: %ld (%s)", role, slsim_emu_last_error());
            ok = false;
        }
    }
    if (!ok) {
        mx_dev_free(d);
    }
    return ok;
}

void mx_dev_free(struct mx_dev *d)
{
    if (d->dev != NULL) {
        slsim_emu_use(d->dev);
        (void)sl_Stop(0);
        slsim_emu_device_close(d->dev);
        slsim_emu_use(NULL);
        d->dev = NULL;
    }
    if (d->dir[0] != '\0') {
        mx_rmtree(d->dir);
        d->dir[0] = '\0';
    }
}

void mx_dev_handshake_timeout(struct mx_dev *d, uint32_t ms)
{
    slsim_device_lock(d->dev);
    struct slsim_sock_table *t = slsim_device_socks(d->dev);
    if (t != NULL) {
        slsim_sock_set_handshake_timeout(t, ms);
    }
    slsim_device_unlock(d->dev);
}

/* ---- TI API helpers ------------------------------------------------------------------------- */

long mx_connect(_i16 sd, uint16_t port)
{
    SlSockAddrIn_t a;
    memset(&a, 0, sizeof(a));
    a.sin_family = SL_AF_INET;
    a.sin_port = sl_Htons(port);
    a.sin_addr.s_addr = sl_Htonl(SL_IPV4_VAL(127, 0, 0, 1));
    return sl_Connect(sd, (SlSockAddr_t *)&a, sizeof(a));
}

long mx_set_text(_i16 sd, _i16 opt, const char *text)
{
    return sl_SetSockOpt(sd, SL_SOL_SOCKET, opt, text, (SlSocklen_t)strlen(text));
}

long mx_set_u32(_i16 sd, _i16 opt, uint32_t value)
{
    _u32 v = value;
    return sl_SetSockOpt(sd, SL_SOL_SOCKET, opt, &v, sizeof(v));
}

bool mx_echo(_i16 sd, char *why, size_t why_size)
{
    const size_t want = strlen(MX_REVERSED);
    int64_t end = mx_now_ms() + 5000;
    long sent = sl_Send(sd, MX_LINE, (_i16)strlen(MX_LINE), 0);
    while (sent == SL_ERROR_BSD_EAGAIN && mx_now_ms() < end) {
        mx_sleep_ms(2);
        sent = sl_Send(sd, MX_LINE, (_i16)strlen(MX_LINE), 0);
    }
    if (sent != (long)strlen(MX_LINE)) {
        (void)snprintf(why, why_size, "sl_Send = %ld", sent);
        return false;
    }
    char got[64] = { 0 };
    size_t have = 0;
    while (have < want) {
        long n = sl_Recv(sd, got + have, (_i16)(want - have), 0);
        if (n == SL_ERROR_BSD_EAGAIN && mx_now_ms() < end) {
            mx_sleep_ms(2);
            continue;
        }
        if (n <= 0) {
            (void)snprintf(why, why_size, "sl_Recv = %ld after %zu bytes", n, have);
            return false;
        }
        have += (size_t)n;
    }
    if (memcmp(got, MX_REVERSED, want) != 0) {
        (void)snprintf(why, why_size, "echo '%.*s', expected '%.*s'", (int)want - 1, got,
                       (int)want - 1, MX_REVERSED);
        return false;
    }
    return true;
}

void mx_sleep_ms(unsigned ms)
{
    struct timespec ts = { (time_t)(ms / 1000u), (long)(ms % 1000u) * 1000000L };
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

int64_t mx_now_ms(void)
{
    struct timespec ts;
    (void)clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

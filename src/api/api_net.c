/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file api_net.c
 * @brief The socket facade's use of the device's remaps (docs/net.md): the destination of
 *        sl_Connect and sl_SendTo is remapped just before src/sock sees it, and recorded per
 *        socket descriptor so reports can say "127.0.0.1:18883 (remapped from 52.1.2.3:8883)".
 *
 * The application keeps seeing the address it asked for: sl_RecvFrom reports a datagram (or the
 * TCP peer) coming from the remapped destination as coming from the original one.
 */
#include "api/api_sock.h"

#include <string.h>

#include <ti/drivers/net/wifi/errors.h>

#include "core/banned.h"

_Static_assert(SLSIM_SOCK_MAX <= SLSIM_NET_DEST_MAX, "one destination record per descriptor");

static struct slsim_net_dest *dest_of(struct slsim_device *dev, int sd)
{
    if (sd < 0 || sd >= (int)SLSIM_NET_DEST_MAX) {
        return NULL;
    }
    return &slsim_device_net_dests(dev)->sd[sd];
}

void slsim_api_net_remap(struct slsim_device *dev, int sd, uint32_t *ip, uint16_t *port)
{
    uint32_t to_ip = 0;
    uint16_t to_port = 0;
    bool hit = slsim_net_remap_lookup(slsim_device_net(dev), *ip, *port, &to_ip, &to_port);
    struct slsim_net_dest *d = dest_of(dev, sd);
    if (d != NULL) {
        d->set = true;
        d->remapped = hit && (to_ip != *ip || to_port != *port);
        d->orig_ip = *ip;
        d->orig_port = *port;
        d->ip = to_ip;
        d->port = to_port;
    }
    *ip = to_ip;
    *port = to_port;
}

void slsim_api_net_forget(struct slsim_device *dev, int sd)
{
    struct slsim_net_dest *d = dest_of(dev, sd);
    if (d != NULL) {
        memset(d, 0, sizeof(*d));
    }
}

void slsim_api_net_forget_unlocked(int sd)
{
    struct slsim_device *dev = slsim_api_device();
    if (dev != NULL) {
        slsim_device_lock(dev);
        slsim_api_net_forget(dev, sd);
        slsim_device_unlock(dev);
    }
}

void slsim_api_net_unmap(int sd, uint32_t *ip, uint16_t *port)
{
    struct slsim_device *dev = slsim_api_device();
    if (dev == NULL || slsim_device_net(dev)->nremap == 0) {
        return; /* the configuration is fixed for the device's life: no lock needed here */
    }
    slsim_device_lock(dev);
    const struct slsim_net_dest *d = dest_of(dev, sd);
    if (d != NULL && d->remapped && d->ip == *ip && d->port == *port) {
        *ip = d->orig_ip;
        *port = d->orig_port;
    }
    slsim_device_unlock(dev);
}

int32_t slsim_api_socket_dest(int sd, struct slsim_net_dest *out)
{
    memset(out, 0, sizeof(*out));
    struct slsim_device *dev = NULL;
    int32_t ret = 0;
    struct slsim_sock_table *t = slsim_api_sock_enter(&dev, &ret);
    if (t == NULL) {
        return ret;
    }
    bool nb = false;
    ret = slsim_sock_get_nonblocking(t, sd, &nb); /* SL_ERROR_BSD_EBADF unless sd is open */
    const struct slsim_net_dest *d = dest_of(dev, sd);
    if (ret == 0 && d != NULL) {
        *out = *d;
    }
    slsim_api_sock_leave(dev, t);
    return ret;
}

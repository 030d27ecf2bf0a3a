/* 64-bit FNV-1a over bytes, for the small in-memory lookup tables (prepared statements,
 * remembered tokens). Not for anything that must resist chosen collisions: those tables
 * are bounded, so a collision costs a lookup, never memory. */
#pragma once
#include <stddef.h>
#include <stdint.h>

static inline uint64_t hash_fnv1a(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++)
        h = (h ^ p[i]) * 1099511628211ULL;
    return h;
}

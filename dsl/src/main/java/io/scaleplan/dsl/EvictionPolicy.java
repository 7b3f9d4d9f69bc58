package io.scaleplan.dsl;

import java.util.Locale;

/**
 * What Redis evicts when it reaches {@code maxmemory}: the eight values of {@code
 * maxmemory-policy}. {@code allkeys-*} policies may evict any key (a cache); {@code volatile-*}
 * only keys with an expiry; {@link #NOEVICTION} rejects writes instead.
 */
public enum EvictionPolicy {
    /** Evict the least recently used keys with an expiry set. */
    VOLATILE_LRU,
    /** Evict the least recently used keys: the runbook's choice for a cache. */
    ALLKEYS_LRU,
    /** Evict the least frequently used keys with an expiry set. */
    VOLATILE_LFU,
    /** Evict the least frequently used keys. */
    ALLKEYS_LFU,
    /** Evict random keys with an expiry set. */
    VOLATILE_RANDOM,
    /** Evict random keys. */
    ALLKEYS_RANDOM,
    /** Evict the keys with an expiry set that expire soonest. */
    VOLATILE_TTL,
    /** Evict nothing: writes that need memory fail with an OOM error (Redis' default). */
    NOEVICTION;

    /** The value as redis.conf spells it: {@code allkeys-lru}. */
    public String redisName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public String toString() {
        return redisName();
    }
}

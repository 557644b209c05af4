package io.eventca.ca.search;

import java.time.Instant;

/**
 * What every filter of one search shares: the instant it is evaluated at ({@code asOf}, or now), which decides what
 * VALID, EXPIRED and REVOKED mean and which certificates existed yet.
 *
 * @param at the instant the search answers for
 * @param historical whether {@code asOf} was given (then only certificates issued by then are seen)
 * @param includeSubordinates whether {@code caId} also means every CA below it
 */
record SearchContext(Instant at, boolean historical, boolean includeSubordinates) {}

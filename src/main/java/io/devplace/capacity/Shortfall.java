package io.devplace.capacity;

/** Why a set of instances does not fit a parent; the names are the reason codes of docs/reference/reason-codes.md. */
public enum Shortfall { NONE, INSUFFICIENT_DEVICE_CAPACITY, TYPE_LOCKED, FRAGMENTED }

package io.devplace.model;

/** A VM's assigned device: the source mdev by UUID on the VM's host, and an optional explicit descriptor. */
public record VmDevice(String mdev, Descriptor compatibility) {}

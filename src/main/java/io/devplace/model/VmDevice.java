package io.devplace.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A VM's assigned device: the source mdev by UUID on the VM's host, an optional explicit descriptor, and the
 * device's guest-visible address as the domain defines it (libvirt's {@code <address>} attributes, e.g.
 * {@code {type: pci, domain: "0x0000", bus: "0x00", slot: "0x05", function: "0x0"}}), kept so that an export gives
 * the migrated guest the same address: a guest whose device moves to another slot may not find it.
 */
public record VmDevice(String mdev, Descriptor compatibility, Map<String, String> address) {
    public VmDevice {
        address = address == null || address.isEmpty() ? null : new LinkedHashMap<>(address);
    }

    public VmDevice(String mdev, Descriptor compatibility) { this(mdev, compatibility, null); }
}

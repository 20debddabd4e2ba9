package io.devplace.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A VM's assigned device: the source mdev by UUID, or the source VF by PCI address ({@code vf}), on the VM's host;
 * an optional explicit descriptor; and the device's guest-visible address as the domain defines it (libvirt's
 * {@code <address>} attributes, e.g. {@code {type: pci, domain: "0x0000", bus: "0x00", slot: "0x05", function: "0x0"}}),
 * kept so that an export gives the migrated guest the same address: a guest whose device moves to another slot may
 * not find it.
 */
@JsonPropertyOrder({"mdev", "vf", "compatibility", "address"})
public record VmDevice(@JsonInclude(JsonInclude.Include.NON_NULL) String mdev, Descriptor compatibility,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String vf,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, String> address) {
    public VmDevice {
        address = address == null || address.isEmpty() ? null : new LinkedHashMap<>(address);
    }

    /** An mdev-owning device. */
    public VmDevice(String mdev, Descriptor compatibility) { this(mdev, compatibility, null, null); }

    /** An mdev-owning device with the guest address its domain gives it. */
    public VmDevice(String mdev, Descriptor compatibility, Map<String, String> address) { this(mdev, compatibility, null, address); }

    /** A device owned by VF address ({@code mdev} null) or by mdev UUID. */
    public VmDevice(String mdev, Descriptor compatibility, String vf) { this(mdev, compatibility, vf, null); }

    /** The id of the source instance: the mdev UUID, or the VF address. */
    public String ref() { return mdev != null ? mdev : vf; }
}

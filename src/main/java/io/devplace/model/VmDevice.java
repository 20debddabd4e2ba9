package io.devplace.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A VM's assigned device: the source mdev by UUID, or the source VF by PCI address ({@code vf}), on the VM's host;
 * and an optional explicit descriptor.
 */
@JsonPropertyOrder({"mdev", "vf", "compatibility"})
public record VmDevice(@JsonInclude(JsonInclude.Include.NON_NULL) String mdev, Descriptor compatibility,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String vf) {
    /** An mdev-owning device. */
    public VmDevice(String mdev, Descriptor compatibility) { this(mdev, compatibility, null); }

    /** The id of the source instance: the mdev UUID, or the VF address. */
    public String ref() { return mdev != null ? mdev : vf; }
}

package io.devplace.model;

/**
 * An SR-IOV virtual function of a VF-based parent (a PF whose driver hands out whole VFs instead of mdevs): its PCI
 * address, the type it is set to (null: free, e.g. {@code current_vgpu_type} reads as unset), its slot offset on
 * slot parents, and its IOMMU group. Ownership is declared on the VM side ({@code vf: ADDRESS}).
 */
public record Vf(String id, String type, Long placement, Long iommuGroup) {
    /** Whether the VF is set to a type, i.e. it is an instance that consumes capacity. */
    public boolean configured() { return type != null && !type.isBlank(); }

    /** This VF seen as an instance on its parent (capacity, compatibility and ownership use instances alike). */
    public Mdev asInstance() { return new Mdev(id, type, java.util.List.of(), iommuGroup, placement); }
}

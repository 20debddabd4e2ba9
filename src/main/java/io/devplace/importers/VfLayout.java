package io.devplace.importers;

/**
 * What the sysfs importer needs to read VF-based parents of one PF driver, taken from the rule pack that declares it
 * ({@code devices: vf} and its {@code vf} fields), so that no driver's file names are written in code: the file under a
 * VF holding its type and the one listing the types it can take, how to read a line of that list, what an unset type
 * reads as; or, for drivers without type files, the driver a configured VF is bound to and the type that means.
 */
public record VfLayout(String pack, String pfDriver, String currentType, String creatableTypes, String typeLine, String unset,
                       String boundDriver, String boundType) {}

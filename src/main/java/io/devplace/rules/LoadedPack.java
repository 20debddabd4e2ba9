package io.devplace.rules;

/** A rule pack as loaded: where it came from, and its compiled descriptor template (null when it declares none). */
public record LoadedPack(RulePack pack, String file, DescriptorTemplate migration) {
    public String name() { return pack.name(); }
}

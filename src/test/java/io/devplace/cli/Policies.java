package io.devplace.cli;

import io.devplace.model.Documents;
import io.devplace.model.Policy;

/** For tests outside this package: a policy document read and checked exactly as {@code --policy FILE} is. */
public final class Policies {
    private Policies() {}

    public static Policy read(String file, byte[] bytes) {
        Documents.Parsed<Policy> d = Documents.parse(file, bytes, "Policy", Policy.class);
        Policy p = d.value().withDefaults();
        PolicyInput.check(p, d.locations());
        return p;
    }
}

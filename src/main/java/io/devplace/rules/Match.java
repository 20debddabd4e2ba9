package io.devplace.rules;

import java.util.List;

/** The outcome of matching one source descriptor against one target offer: the first entry that matched, or why none did. */
public record Match(ConcreteEntry entry, String rule, List<EntryFailure> failures) {
    public boolean compatible() { return entry != null; }

    public Recipe recipe(String parent, String type) {
        if (entry == null) throw new IllegalStateException("no match");
        return new Recipe(parent, type, entry.attrs(), rule + "#" + entry.index());
    }
}

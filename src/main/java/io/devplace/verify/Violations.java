package io.devplace.verify;

import java.util.ArrayList;
import java.util.List;

/** What the verifier found wrong, in the order found; each names the VM, host or action concerned. */
public final class Violations {
    private final List<String> list = new ArrayList<>();

    void add(String s) { if (list.size() < 1000) list.add(s); }

    public List<String> list() { return list; }

    public boolean isEmpty() { return list.isEmpty(); }
}

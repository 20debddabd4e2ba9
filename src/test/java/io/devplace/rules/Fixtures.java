package io.devplace.rules;

import io.devplace.model.Host;
import io.devplace.model.HostState;
import io.devplace.model.Mdev;
import io.devplace.model.ParentDevice;
import io.devplace.model.SupportedType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builders for hosts, parents and mdevs, so tests construct the model records directly. */
public final class Fixtures {
    private Fixtures() {}

    public static Host host(String name, Map<String, String> attributes, ParentDevice... parents) {
        return new Host(name, 64, 524288, HostState.ACTIVE, Map.of(), attributes, null, List.of(parents));
    }

    public static ParentDevice parent(String id, String driver, String model, Map<String, String> attributes, Mdev... mdevs) {
        return new ParentDevice(id, driver, model, null, null, attributes, Map.of(), List.of(mdevs));
    }

    public static ParentDevice observedParent(String id, String driver, Map<String, String> attributes,
                                              Map<String, SupportedType> supported, Mdev... mdevs) {
        return new ParentDevice(id, driver, "Observed " + driver, null, null, attributes, supported, List.of(mdevs));
    }

    public static Mdev mdev(String uuid, String type, Long placement, String... kvs) {
        return new Mdev(uuid, type, attrs(kvs), null, placement);
    }

    public static Mdev mdev(String uuid, String type, String... kvs) { return mdev(uuid, type, null, kvs); }

    /** {@code attrs("aggregator", "2", "x", "y")} = {@code [{aggregator: "2"}, {x: "y"}]}, in order. */
    public static List<Map<String, String>> attrs(String... kvs) {
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 0; i + 1 < kvs.length; i += 2) out.add(Map.of(kvs[i], kvs[i + 1]));
        return out;
    }

    public static Map<String, String> map(String... kvs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kvs.length; i += 2) m.put(kvs[i], kvs[i + 1]);
        return m;
    }

    /** A rule book holding just {@code yaml} (a RulePack document) and nothing bundled. */
    public static RuleBook bookOf(String yaml) {
        return new RuleBook(List.of(RuleBook.parse("test-pack.yaml", yaml.getBytes(StandardCharsets.UTF_8))));
    }

    /** A scope over a flat map of dotted names, e.g. {@code "host.attributes.vgpu-manager" -> "17.4"}. */
    public static Scope scope(Map<String, String> values) {
        return segs -> values.get(String.join(".", segs));
    }
}

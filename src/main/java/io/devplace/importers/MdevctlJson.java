package io.devplace.importers;

import com.fasterxml.jackson.databind.JsonNode;
import io.devplace.model.Documents;
import io.devplace.model.InputProblem;
import io.devplace.model.Locations;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape both {@code mdevctl types --dumpjson} and {@code mdevctl list --dumpjson} print: a list of mappings from
 * parent to a list of one-key mappings ({@code [{"<parent>": [{"<key>": {...}}, ...]}]}), the key being a type id or
 * an mdev UUID. This walks that shape, reporting each place it is broken with file, path and line.
 */
final class MdevctlJson {
    /** One {@code "<key>": {...}} item under a parent; {@code path} locates it in the file. */
    record Item(String key, JsonNode body, String path) {}

    /** A parent's items; {@code path} is where the parent is first named. */
    record Parent(String path, List<Item> items) {}

    private MdevctlJson() {}

    /**
     * Parent → its items, in file order. Parents with an empty list are kept (with no items). Problems with the
     * shape go to {@code problems}; what can still be read is returned.
     */
    static Map<String, Parent> read(JsonNode root, String command, Locations loc, List<InputProblem> problems) {
        Map<String, Parent> out = new LinkedHashMap<>();
        if (!root.isArray()) {
            problems.add(loc.problem("", "expected a JSON list as `" + command + "` prints ([{\"<parent>\": [...]}]) but got " + Documents.describe(root)));
            return out;
        }
        for (int i = 0; i < root.size(); i++) {
            JsonNode byParent = root.get(i);
            String ip = Paths.index("", i);
            if (!byParent.isObject()) {
                problems.add(loc.problem(ip, "expected a mapping from parent device to its list but got " + Documents.describe(byParent)));
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = byParent.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String parent = e.getKey();
                String pp = Paths.child(ip, parent);
                List<Item> items = out.computeIfAbsent(parent, x -> new Parent(pp, new ArrayList<>())).items();
                if (parent.isBlank()) problems.add(loc.problem(pp, "expected a parent device id such as 0000:00:02.0 but the key is empty"));
                if (!e.getValue().isArray()) {
                    problems.add(loc.problem(pp, "expected the list of parent " + parent + " but got " + Documents.describe(e.getValue())));
                    continue;
                }
                readItems(e.getValue(), pp, loc, problems, items);
            }
        }
        return out;
    }

    private static void readItems(JsonNode list, String path, Locations loc, List<InputProblem> problems, List<Item> into) {
        for (int j = 0; j < list.size(); j++) {
            JsonNode one = list.get(j);
            String jp = Paths.index(path, j);
            if (!one.isObject() || one.size() != 1) {
                problems.add(loc.problem(jp, "expected a one-key mapping {\"<id>\": {...}} but got "
                        + (one.isObject() ? "a mapping with " + one.size() + " keys" : Documents.describe(one))));
                continue;
            }
            Map.Entry<String, JsonNode> e = one.fields().next();
            String kp = Paths.child(jp, e.getKey());
            if (!e.getValue().isObject()) {
                problems.add(loc.problem(kp, "expected a mapping of properties but got " + Documents.describe(e.getValue())));
                continue;
            }
            into.add(new Item(e.getKey(), e.getValue(), kp));
        }
    }

    /** A required or optional string property; null (with a problem when required) if absent or not a string. */
    static String text(Item item, String field, boolean required, Locations loc, List<InputProblem> problems) {
        JsonNode v = item.body().get(field);
        if (v == null || v.isNull()) {
            if (required) problems.add(loc.problem(item.path(), "'" + item.key() + "' has no " + field));
            return null;
        }
        if (!v.isTextual()) {
            problems.add(loc.problem(Paths.child(item.path(), field), "expected " + field + " to be a string but got " + Documents.describe(v)));
            return null;
        }
        return v.asText();
    }
}

package io.devplace.importers;

import io.devplace.model.InputProblem;
import io.devplace.model.InvalidInputException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * mdevctl lets one UUID be defined under several parents, as long as at most one is active at a time (mdevctl(8),
 * "undefine": "If a UUID exists for multiple parents..."); a Fleet holds each mdev once. The active list
 * ({@code mdevctl list --dumpjson}) names one parent per UUID, since the kernel has one device per UUID: when a
 * UUID is under several parents and some list names it under exactly one, that parent is the live one and the
 * other definitions are left out (with a note). When no list settles it, the import stops naming the UUID.
 */
final class LiveParents {
    private LiveParents() {}

    static List<List<MdevctlImporter.Listed>> resolve(List<List<MdevctlImporter.Listed>> lists, List<String> notes) {
        Map<String, Set<String>> parents = new LinkedHashMap<>();
        for (List<MdevctlImporter.Listed> list : lists)
            for (MdevctlImporter.Listed l : list) parents.computeIfAbsent(l.mdev().uuid(), k -> new LinkedHashSet<>()).add(l.parent());
        Map<String, String> live = new HashMap<>();
        List<InputProblem> problems = new ArrayList<>();
        parents.forEach((uuid, ps) -> {
            if (ps.size() < 2) return;
            Set<String> once = new LinkedHashSet<>();
            for (List<MdevctlImporter.Listed> list : lists) {
                List<String> here = list.stream().filter(l -> l.mdev().uuid().equals(uuid)).map(MdevctlImporter.Listed::parent).toList();
                if (here.size() == 1) once.add(here.get(0));
            }
            if (once.size() == 1) {
                String p = once.iterator().next();
                live.put(uuid, p);
                List<String> others = ps.stream().filter(x -> !x.equals(p)).toList();
                notes.add("mdev " + uuid + " is defined under parents " + String.join(", ", ps) + "; the active list has it on " + p
                        + ": the definition(s) under " + String.join(", ", others) + " left out");
            } else {
                MdevctlImporter.Listed first = lists.stream().flatMap(List::stream).filter(l -> l.mdev().uuid().equals(uuid)).findFirst().orElseThrow();
                problems.add(new InputProblem(first.file(), first.path(), 0, 0, "mdev " + uuid + " is defined under parents " + String.join(", ", ps)
                        + " (mdevctl allows it; only one can be active) and no list says which is live: add the active list"
                        + " (`mdevctl list --dumpjson`, without --defined) as another --list"));
            }
        });
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        List<List<MdevctlImporter.Listed>> out = new ArrayList<>();
        for (List<MdevctlImporter.Listed> list : lists)
            out.add(list.stream().filter(l -> !live.containsKey(l.mdev().uuid()) || live.get(l.mdev().uuid()).equals(l.parent())).toList());
        return out;
    }
}

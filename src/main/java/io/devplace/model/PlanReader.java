package io.devplace.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Plan (the input of {@code verify}) and checks that every move, device, action and unplaced entry names what
 * it is about: a missing field there is invalid input naming its path, not something to verify. What the fields say
 * (hosts, types, waves, capacity...) is the verifier's business.
 */
public final class PlanReader {
    private PlanReader() {}

    public static Documents.Parsed<Plan> read(String file) {
        return check(Documents.read(file, "Plan", Plan.class));
    }

    public static Documents.Parsed<Plan> parse(String file, byte[] bytes) {
        return check(Documents.parse(file, bytes, "Plan", Plan.class));
    }

    public static Documents.Parsed<Plan> check(Documents.Parsed<Plan> d) {
        Plan p = d.value();
        Locations loc = d.locations();
        List<InputProblem> out = new ArrayList<>();
        for (int i = 0; i < p.moves().size(); i++) {
            Plan.Move m = p.moves().get(i);
            String mp = "moves[" + i + "]";
            required(out, loc, mp, "vm", m.vm());
            required(out, loc, mp, "mode", m.mode());
            required(out, loc, mp, "from", m.from());
            required(out, loc, mp, "to", m.to());
            if (required(out, loc, mp, "devices", m.devices()))
                for (int j = 0; j < m.devices().size(); j++) {
                    Plan.MoveDevice md = m.devices().get(j);
                    String dp = mp + ".devices[" + j + "]";
                    if (required(out, loc, dp, "source", md.source())) {
                        required(out, loc, dp + ".source", "parent", md.source().parent());
                        required(out, loc, dp + ".source", md.source().vf() != null ? "vf" : "uuid", md.source().device());
                        required(out, loc, dp + ".source", "type", md.source().type());
                    }
                    if (required(out, loc, dp, "target", md.target())) {
                        required(out, loc, dp + ".target", "parent", md.target().parent());
                        required(out, loc, dp + ".target", "type", md.target().type());
                        required(out, loc, dp + ".target", md.target().vf() != null ? "vf" : "uuid", md.target().device());
                        required(out, loc, dp + ".target", "action", md.target().action());
                    }
                }
        }
        for (int i = 0; i < p.actions().size(); i++) required(out, loc, "actions[" + i + "]", "op", p.actions().get(i).op());
        for (int i = 0; i < p.unplaced().size(); i++) {
            Plan.Unplaced u = p.unplaced().get(i);
            String up = "unplaced[" + i + "]";
            required(out, loc, up, "vm", u.vm());
            if (required(out, loc, up, "reasons", u.reasons()))
                for (int r = 0; r < u.reasons().size(); r++) required(out, loc, up + ".reasons[" + r + "]", "code", u.reasons().get(r).code());
        }
        if (!out.isEmpty()) throw new InvalidInputException(out);
        return d;
    }

    private static boolean required(List<InputProblem> out, Locations loc, String path, String field, Object value) {
        if (value != null) return true;
        out.add(loc.problem(path + "." + field, "expected " + field + " but it is missing"));
        return false;
    }
}

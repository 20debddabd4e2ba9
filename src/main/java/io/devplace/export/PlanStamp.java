package io.devplace.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.devplace.model.Plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Which plan an export renders: the plan's own digest (SHA-256 of its compact JSON, the same whether the plan was just
 * made or read back from a saved file), the fleet digest it records, and what it places and leaves out. Every export
 * starts with these lines, so that what runs can be matched with what was reviewed.
 */
public record PlanStamp(String digest, String fleetDigest, long vms, long placed, long unplaced, long migrations, long waves,
                        List<String> unplacedLines) {
    private static final ObjectMapper COMPACT = JsonMapper.builder().build();

    public static PlanStamp of(Plan plan) {
        Plan.Summary s = plan.summary();
        List<String> lines = new ArrayList<>();
        for (Plan.Unplaced u : plan.unplaced()) lines.add(u.vm() + ": " + ReasonGroups.of(u.reasons()).oneLine());
        return new PlanStamp(digest(plan), s == null ? null : s.fleetDigest(), s == null ? 0 : s.vms(), s == null ? plan.moves().size() : s.placed(),
                plan.unplaced().size(), plan.moves().size(), s == null ? 0 : s.waves(), lines);
    }

    /** SHA-256 of the plan's compact JSON, {@code sha256:<hex>}. */
    public static String digest(Plan plan) {
        try {
            byte[] json = COMPACT.writeValueAsString(plan).getBytes(StandardCharsets.UTF_8);
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The header, one line per element, without a comment marker (each format adds its own). */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("plan " + digest + (fleetDigest == null ? "" : " for fleet " + fleetDigest));
        out.add(placed + " of " + vms + " VMs placed, " + unplaced + " unplaced; " + migrations + " migration(s) in " + waves + " wave(s)");
        if (unplaced > 0) {
            out.add("unplaced, nothing below is about them (plan would exit 3):");
            for (String l : unplacedLines) out.add("  " + l);
        }
        return out;
    }
}

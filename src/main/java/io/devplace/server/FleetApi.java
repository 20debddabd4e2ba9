package io.devplace.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.devplace.model.Documents;
import io.devplace.model.InvalidInputException;
import io.devplace.model.Locations;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /v1/fleet} returns the fleet in use as a Fleet document (JSON) with its generation as ETag, so that a
 * client can edit it and {@code PUT} it back with {@code If-Match}. {@code PUT /v1/fleet} replaces it after exactly the
 * CLI's validation: a body that does not parse is 400, a document that parses but is invalid is 422, each problem
 * named by path (and line and column); a stale {@code If-Match} is 412.
 */
final class FleetApi {
    /** Absent optional fields stay absent, so that the document reads back exactly as the CLI would read it. */
    private static final ObjectMapper DOC = JsonMapper.builder().serializationInclusion(JsonInclude.Include.NON_NULL).build();

    private final FleetStore fleets;

    FleetApi(FleetStore fleets) { this.fleets = fleets; }

    Reply get(Call call) {
        FleetSnapshot snap = fleets.current();
        String inm = call.header("If-None-Match");
        if (inm != null && (inm.trim().equals("*") || inm.contains(snap.etag()))) return Reply.empty(304).withHeader("ETag", snap.etag());
        try {
            return new Reply(200, Reply.JSON, DOC.writeValueAsBytes(snap.view().fleet()), Map.of("ETag", snap.etag()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    Reply put(Call call) {
        String ifMatch = call.header("If-Match");
        FleetStore.requireMatch(fleets.current(), ifMatch); // cheap early answer; checked again when committing
        byte[] body = call.body();
        String type = call.header("Content-Type") == null ? "" : call.header("Content-Type").toLowerCase();
        String name = type.contains("json") ? "fleet.json" : type.contains("yaml") ? "fleet.yaml" : "fleet";
        try {
            Documents.tree(name, body, new Locations(name));
        } catch (InvalidInputException e) {
            throw new HttpError(400, "the fleet document does not parse", e.problems(), Map.of());
        }
        FleetSnapshot next = fleets.replace(name, body, ifMatch);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("generation", next.generation());
        out.put("digest", next.digest());
        out.put("hosts", next.view().fleet().hosts().size());
        out.put("vms", next.view().fleet().vms().size());
        out.put("warnings", next.warnings().stream().map(Object::toString).toList());
        return Reply.json(200, out).withHeader("ETag", next.etag());
    }
}

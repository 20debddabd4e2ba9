package io.devplace.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import io.devplace.model.Documents;
import io.devplace.model.Locations;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The published JSON Schemas (schemas/*.schema.json, draft 2020-12) and a validator for them (networknt). Documents
 * are validated as devplace reads them: the YAML or JSON text becomes the same tree the strict reader binds (anchors,
 * aliases and merge keys resolved), so a schema verdict and a reader verdict are about the same value.
 */
public final class Schemas {
    private Schemas() {}

    public static final List<String> KINDS = List.of("Fleet", "RulePack", "Policy", "Plan");

    static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).build()));

    private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();

    public static String file(String kind) { return "schemas/" + kind.toLowerCase() + ".schema.json"; }

    public static Schema schema(String kind) {
        return CACHE.computeIfAbsent(kind, k -> REGISTRY.getSchema(Hardening.text(file(k)), InputFormat.JSON));
    }

    /** The draft 2020-12 meta-schema, from the copy inside the validator (nothing is fetched). */
    public static Schema metaSchema() {
        return CACHE.computeIfAbsent("meta", k -> REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema")));
    }

    /** The tree devplace reads from {@code bytes} (YAML or JSON by name, as the reader decides). */
    public static JsonNode tree(String name, byte[] bytes) { return Documents.tree(name, bytes, new Locations(name)); }

    /**
     * The tree devplace reads, or, when devplace refuses to build one (a number beyond 64 bits, a duplicate key), the
     * tree a plain YAML parser builds, so that the schema has its say too.
     */
    public static JsonNode looseTree(String name, byte[] bytes) {
        try {
            return tree(name, bytes);
        } catch (io.devplace.model.InvalidInputException e) {
            try {
                return new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(bytes);
            } catch (java.io.IOException io) {
                throw new java.io.UncheckedIOException(io);
            }
        }
    }

    public static List<Error> validate(String kind, JsonNode tree) { return schema(kind).validate(tree); }

    public static List<Error> validate(String kind, String name, byte[] bytes) { return validate(kind, tree(name, bytes)); }

    /** Where an error is, as a JSON pointer; for required and unknown properties, the pointer of the property itself. */
    public static String pointer(Error e) {
        String at = e.getInstanceLocation().toString();
        boolean named = e.getProperty() != null && List.of("required", "additionalProperties", "propertyNames").contains(e.getKeyword());
        return named ? at + "/" + e.getProperty().replace("~", "~0").replace("/", "~1") : at;
    }

    public static String describe(List<Error> errors) {
        StringBuilder b = new StringBuilder();
        for (Error e : errors) b.append("\n  ").append(pointer(e)).append(" [").append(e.getKeyword()).append("] ").append(e.getMessage());
        return b.toString();
    }
}

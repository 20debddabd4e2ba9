package io.devplace.cli;

import io.devplace.model.Fleet;
import io.devplace.model.FleetReader;
import io.devplace.model.InvalidInputException;

import java.nio.charset.StandardCharsets;

/** For tests outside this package: what an import prints (YAML and JSON), read back as {@code devplace import} checks it. */
public final class ImportOutput {
    private ImportOutput() {}

    /** Renders {@code fleet} as an import prints it and reads it back; a failure is devplace's fault, not the input's. */
    public static void readsBack(Fleet fleet) {
        for (ImportOutputOptions.Format f : ImportOutputOptions.Format.values()) {
            String text = ImportOutputOptions.render(fleet, f);
            try {
                FleetReader.parse("<import output>." + f, text.getBytes(StandardCharsets.UTF_8));
            } catch (InvalidInputException e) {
                throw new AssertionError("an import printed a Fleet that devplace does not read back (" + f + "):\n" + e.getMessage() + "\n" + text, e);
            }
        }
    }
}

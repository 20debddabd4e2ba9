package io.devplace.importers;

import io.devplace.model.InputProblem;

import java.util.List;

/**
 * Where in which file an XML reader is, so that a value it cannot use is reported with the file and an
 * XPath-like path ({@code /device[name='pci_0000_3b_00_0']/capability[@type='pci']/...}).
 */
record XmlSource(String file, List<InputProblem> problems, List<String> warnings) {
    void problem(String path, String message) { problems.add(new InputProblem(file, path, 0, 0, message)); }

    void warn(String message) { warnings.add(file + ": " + message); }

    /** A count (>= 0) written as decimal text; null with a problem when it is not one. */
    Long count(String text, String path, String what) {
        if (text == null) return null;
        try {
            long v = Long.parseLong(text.trim());
            if (v >= 0) return v;
        } catch (NumberFormatException e) {
            // reported below
        }
        problem(path, "expected " + what + " to be a count >= 0 but got '" + text + "'");
        return null;
    }
}

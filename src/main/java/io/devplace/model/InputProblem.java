package io.devplace.model;

/** One thing wrong with an input document: where (file, path, line/column when known) and what was expected. */
public record InputProblem(String file, String path, int line, int column, String message) {
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(file == null ? "<input>" : file);
        boolean where = (path != null && !path.isEmpty()) || line > 0;
        if (where) b.append(':');
        if (path != null && !path.isEmpty()) b.append(' ').append(path);
        if (line > 0) b.append(" (line ").append(line).append(", column ").append(column).append(')');
        return b.append(": ").append(message).toString();
    }
}

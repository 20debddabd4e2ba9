package io.devplace.importers;

/**
 * One fact about the fleet (a parent's driver, an mdev's type...) and the source that first stated it. A source
 * that does not know the fact offers null and changes nothing; a source that states a different value is a conflict,
 * which the caller reports instead of picking a winner.
 */
final class Fact<T> {
    private T value;
    private String source;

    /** Takes {@code incoming} if nothing is known yet; false when it contradicts what is already known. */
    boolean offer(T incoming, String from) {
        if (incoming == null) return true;
        if (value == null) {
            value = incoming;
            source = from;
            return true;
        }
        return value.equals(incoming);
    }

    T value() { return value; }

    String source() { return source; }
}

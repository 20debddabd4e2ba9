package io.devplace.importers;

import java.util.Locale;
import java.util.regex.Pattern;

/** mdev UUIDs as the kernel prints them (lower case), so that sources that spell them differently still meet. */
final class Uuids {
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Uuids() {}

    static boolean isUuid(String s) { return s != null && UUID.matcher(s).matches(); }

    static String normal(String s) { return s.toLowerCase(Locale.ROOT); }
}

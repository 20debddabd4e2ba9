package io.devplace.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Paths written by the document reader: error messages and their line/column lookup depend on their exact form. */
class LocationsTest {
    @Test
    void plainNamesJoinWithADotOtherKeysAreQuoted() {
        assertEquals("hosts", Locations.child("", "hosts"));
        assertEquals("hosts[3].devices", Locations.child("hosts[3]", "devices"));
        assertEquals("hosts[3].devices[0].model", Locations.child(Locations.index("hosts[3].devices", 0), "model"));
        assertEquals("types['nvidia-713']", Locations.child("types", "nvidia-713"));
        assertEquals("['0000:00:02.0']", Locations.child("", "0000:00:02.0"));
        assertEquals("x['']", Locations.child("x", ""));
        assertEquals("labels['é']", Locations.child("labels", "é"));
        assertEquals("a.b_C9", Locations.child("a", "b_C9"));
    }

    /** The hand-written character tests (cheaper than String.matches on every key) accept exactly what the regular expressions accept. */
    @Test
    void characterTestsAgreeWithTheRegularExpressionsTheyReplace() {
        List<String> samples = List.of("", "a", "Z", "_", "9", "abc_DEF_123", "a-b", "a.b", "a b", " a", "a\n", "é", "ß", "İ",
                "١٢٣", "１２", "0", "0042", "12a", "-1", "+1", "1.5", "[0]", "'x'", "~1", "a/b", "\u0000", "\uD83D\uDE00", "K", "Ａ");
        for (String s : samples) {
            assertEquals(s.matches("[A-Za-z0-9_]+"), Locations.isPlainName(s), "isPlainName(" + s + ")");
            assertEquals(s.matches("\\d+"), Locations.isDigits(s), "isDigits(" + s + ")");
        }
    }

    @Test
    void aProblemIsLocatedAtTheNearestRecordedEnclosingPath() {
        Locations loc = new Locations("f.yaml");
        loc.put("types", 3, 1);
        loc.put("types['nvidia-713']", 7, 3);
        InputProblem p = loc.problem("types['nvidia-713'].counters", "bad");
        assertEquals(7, p.line());
        assertEquals(3, p.column());
        assertEquals(3, loc.problem("types['a.b']", "bad").line());
    }
}

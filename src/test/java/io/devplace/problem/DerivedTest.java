package io.devplace.problem;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** What is derived from a problem is made once per kind, and each kind keeps its own value. */
class DerivedTest {
    @Test
    void eachKindIsMadeOnceAndKeptApart() {
        Derived d = new Derived();
        AtomicInteger made = new AtomicInteger();
        StringBuilder first = d.get(StringBuilder.class, () -> { made.incrementAndGet(); return new StringBuilder("a"); });
        StringBuilder again = d.get(StringBuilder.class, () -> { made.incrementAndGet(); return new StringBuilder("b"); });
        assertThat(again).isSameAs(first);
        assertThat(made).hasValue(1);
        assertThat(d.get(Integer.class, () -> 7)).isEqualTo(7);
        assertThat(d.get(StringBuilder.class, () -> null).toString()).isEqualTo("a");
    }
}

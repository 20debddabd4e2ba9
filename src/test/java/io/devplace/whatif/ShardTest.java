package io.devplace.whatif;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --shard I/N}: the form it takes, and the deal (every solve in exactly one shard, loads close to equal). */
class ShardTest {
    @ParameterizedTest
    @CsvSource({"0/1,0,1", "2/3,2,3", " 4/10 ,4,10"})
    void wellFormedShards(String text, int index, int count) {
        assertThat(Shard.parse(text)).isEqualTo(new Shard(index, count));
    }

    @ParameterizedTest
    @ValueSource(strings = {"3/3", "1/0", "0/0", "-1/3", "1", "1/2/3", "a/b", "", "1 / 2", "9999999999/2"})
    void malformedShardsAreRefusedSayingWhatIsExpected(String text) {
        assertThatThrownBy(() -> Shard.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageMatching(".*(I/N|N must|I must).*");
    }

    @Property(tries = 200)
    void everySolveIsDealtToExactlyOneShardAndTheLoadsAreClose(@ForAll @Size(min = 1, max = 60) List<@LongRange(min = 1, max = 500) Long> costs,
                                                                 @ForAll @IntRange(min = 1, max = 8) int n) {
        List<Shard.Solve> all = new ArrayList<>();
        for (int i = 0; i < costs.size(); i++) all.add(new Shard.Solve(i % 3, i, costs.get(i)));
        all.sort(java.util.Comparator.comparingInt(Shard.Solve::scenario).thenComparingInt(Shard.Solve::failure));
        Set<Shard.Solve> seen = new HashSet<>();
        long max = Long.MIN_VALUE, min = Long.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            List<Shard.Solve> mine = new Shard(i, n).mine(all);
            assertThat(mine).isSortedAccordingTo(java.util.Comparator.comparingInt(Shard.Solve::scenario).thenComparingInt(Shard.Solve::failure));
            assertThat(new Shard(i, n).mine(all)).as("the same deal every time").isEqualTo(mine);
            long load = 0;
            for (Shard.Solve s : mine) {
                assertThat(seen.add(s)).as("dealt twice: " + s).isTrue();
                load += s.cost();
            }
            max = Math.max(max, load);
            min = Math.min(min, load);
        }
        assertThat(seen).hasSize(all.size());
        // largest first to the least loaded: no shard exceeds another by more than one solve's cost
        long biggest = costs.stream().mapToLong(Long::longValue).max().orElse(0);
        assertThat(max - min).isLessThanOrEqualTo(biggest);
    }
}

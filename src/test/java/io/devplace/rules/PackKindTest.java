package io.devplace.rules;

import io.devplace.model.Mdev;
import io.devplace.model.ParentDevice;
import io.devplace.model.Vf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pack governs only parents of its kind (docs/reference/rulepack.md, VF-based parents): a parent listing VFs is
 * governed by the first matching {@code devices: vf} pack, any other parent by the first matching mdev pack; a parent
 * that only packs of the other kind match is governed by no pack, and {@link RuleBook#otherKindMatch} names the pack
 * that matched for validate's warning.
 */
class PackKindTest {
    static LoadedPack pack(String name, String kind) {
        String yaml = """
                apiVersion: devplace/v1
                kind: RulePack
                name: %s
                devices: %s
                match: {driver: acme}
                types:
                  acme-1: {deviceApi: vfio-pci}
                """.formatted(name, kind);
        return RuleBook.parse(name + ".yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    static ParentDevice parent(String listing) {
        List<Mdev> mdevs = listing.equals("mdevs") ? List.of(new Mdev("00000000-0000-4000-8000-000000000001", "acme-1", List.of(), null, null)) : List.of();
        List<Vf> vfs = listing.equals("vfs") ? List.of(new Vf("0000:41:00.4", null, null, null)) : List.of();
        return new ParentDevice("0000:41:00.0", "acme", "Acme", null, null, Map.of(), Map.of(), mdevs, vfs);
    }

    /** {@code packs}: name:kind in precedence order; {@code governs}/{@code other}: a pack name or {@code -} for none. */
    @ParameterizedTest(name = "{0} with [{1}] -> {2}, other kind {3}")
    @CsvSource(delimiter = '|', textBlock = """
            mdevs   | m:mdev v:vf | m | -
            mdevs   | v:vf m:mdev | m | -
            mdevs   | v:vf        | - | v
            mdevs   | v:vf w:vf   | - | v
            vfs     | m:mdev v:vf | v | -
            vfs     | v:vf m:mdev | v | -
            vfs     | m:mdev      | - | m
            nothing | v:vf m:mdev | m | -
            nothing | v:vf        | - | v
            nothing | m:mdev      | m | -
            mdevs   | m:mdev n:mdev | m | -
            """)
    void aPackGovernsOnlyParentsOfItsKind(String listing, String packs, String governs, String other) {
        List<LoadedPack> list = new ArrayList<>();
        for (String p : packs.trim().split("\\s+")) list.add(pack(p.split(":")[0], p.split(":")[1]));
        RuleBook book = new RuleBook(list);
        ParentDevice pd = parent(listing);
        LoadedPack g = book.packFor(pd);
        assertThat(g == null ? "-" : g.name()).isEqualTo(governs);
        LoadedPack o = book.otherKindMatch(pd);
        assertThat(o == null ? "-" : o.name()).isEqualTo(other);
    }
}

package io.devplace.planning;

import io.devplace.model.Plan;
import io.devplace.model.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.devplace.planning.Fixtures.A16;
import static io.devplace.planning.Fixtures.uuid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code TYPE_LOCKED} names who holds the lock in the plan's final state (docs/reference/reason-codes.md): a VM the
 * plan moves onto the parent (its new instance, or a free mdev it reuses), a VM that stays there, or no VM when a free
 * mdev holds it; on a parent no pack governs, the VM for which the plan creates the one new type there.
 *
 * <p>Evacuating {@code src}: two 2Q VMs ({@code a}, {@code b}) and one 4Q VM ({@code four}), with one parent on
 * {@code dst}. Two VMs placed beat one, so both 2Q VMs go there and the 4Q VM is unplaced, locked out.
 */
class TypeLockHolderTest {
    private static String fleet(String srcParent, String dstParent, String type2, String type4, String extraVms) {
        return """
                apiVersion: devplace/v1
                kind: Fleet
                hosts:
                  - {name: src, cpus: 64, memoryMiB: 262144, attributes: %1$s, devices: [
                      {id: "0000:01:00.0", %2$s, mdevs: [{uuid: "%4$s", type: %7$s}, {uuid: "%5$s", type: %7$s}]},
                      {id: "0000:02:00.0", %2$s, mdevs: [{uuid: "%6$s", type: %8$s}]}]}
                  - {name: dst, cpus: 64, memoryMiB: 262144, attributes: %1$s, devices: [%3$s]}
                vms:
                  - {name: a, host: src, cpus: 2, memoryMiB: 2048, devices: [{mdev: "%4$s"}]}
                  - {name: b, host: src, cpus: 2, memoryMiB: 2048, devices: [{mdev: "%5$s"}]}
                  - {name: four, host: src, cpus: 2, memoryMiB: 2048, devices: [{mdev: "%6$s"}]}
                """.formatted(A16, srcParent, dstParent, uuid(1), uuid(2), uuid(3), type2, type4) + extraVms;
    }

    static final String A16_PARENT = "driver: nvidia, model: \"NVIDIA A16\"";
    static final String NO_PACK_PARENT = "driver: acme, model: \"Acme Board\", supportedTypes: {acme-2: {availableInstances: 4, deviceApi: vfio-pci},"
            + " acme-4: {availableInstances: 4, deviceApi: vfio-pci}}";

    /**
     * {@code dst}: the target parent's extra fields ({@code -} none); {@code stay}: a VM staying on dst that owns
     * dst's existing mdev ({@code -} none). {@code holder}: the expected {@code vm} ({@code -} none, or {@code a|b}
     * for either of the moved 2Q VMs).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            moved VM's new instance        ; A16    ; -                                                                  ; -    ; a|b  ; is locked to nvidia-712 by
            free mdev a moved VM reuses    ; A16    ; mdevs: [{uuid: "00000000-0000-4000-8000-000000000030", type: nvidia-712}] ; -    ; a|b  ; is locked to nvidia-712 by
            VM that stays                  ; A16    ; mdevs: [{uuid: "00000000-0000-4000-8000-000000000030", type: nvidia-712}] ; stay ; stay ; is locked to nvidia-712 by stay
            no pack: moved VM's new type   ; NOPACK ; -                                                                  ; -    ; a|b  ; is locked to acme-2 by
            """)
    void typeLockedNamesTheHolderInTheFinalState(String name, String board, String dst, String stay, String holder, String detail) {
        boolean a16 = board.equals("A16");
        String parent = a16 ? A16_PARENT : NO_PACK_PARENT;
        String dstParent = "{id: \"0000:01:00.0\", " + parent + (dst.equals("-") ? "" : ", " + dst) + "}";
        String extra = stay.equals("-") ? ""
                : "  - {name: stay, host: dst, cpus: 2, memoryMiB: 2048, devices: [{mdev: \"" + uuid(30) + "\"}]}\n";
        String yaml = fleet(parent, dstParent, a16 ? "nvidia-712" : "acme-2", a16 ? "nvidia-713" : "acme-4", extra);
        Plan p = Fixtures.plan(Fixtures.view(yaml), "src");
        assertThat(Fixtures.unplacedVms(p)).as(name).containsExactly("four");
        Reason r = p.unplaced().get(0).reasons().stream().filter(x -> "dst".equals(x.host())).findFirst().orElseThrow();
        assertThat(r.code()).as(name).isEqualTo(Reason.TYPE_LOCKED);
        assertThat(r.parent()).isEqualTo("0000:01:00.0");
        assertThat(holder.split("\\|")).as(name + ": " + r).contains(r.vm());
        assertThat(r.detail()).as(name).startsWith("dst 0000:01:00.0 " + detail).endsWith(r.vm() + (a16 ? "" : " (no rule pack: one new type per parent)"));
    }
}

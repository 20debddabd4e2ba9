package io.devplace.importers;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LibvirtNamesTest {
    @Test
    void parentNamesMapToKernelBusIds() {
        assertThat(LibvirtNames.busId("pci_0000_3b_00_0")).isEqualTo("0000:3b:00.0");
        assertThat(LibvirtNames.busId("pci_0000_AF_1f_7")).isEqualTo("0000:af:1f.7");
        assertThat(LibvirtNames.busId("pci_10000_00_02_0")).isEqualTo("10000:00:02.0"); // VMD domains are wider
        assertThat(LibvirtNames.busId("css_0_0_26ab")).isEqualTo("0.0.26ab");
        assertThat(LibvirtNames.busId("ap_matrix")).isEqualTo("matrix");
        assertThat(LibvirtNames.busId("computer")).isNull();
        assertThat(LibvirtNames.busId("pci_0000_3b_00")).isNull();
        assertThat(LibvirtNames.busId("net_eth0_52_54_00_6b_3c_11")).isNull();
    }

    @Test
    void mdevNamesCarryTheUuidAndSinceLibvirt7TheParent() {
        assertThat(LibvirtNames.mdevUuid("mdev_d069d019_36ea_4111_8f0a_8c9a70e21366")).isEqualTo("d069d019-36ea-4111-8f0a-8c9a70e21366");
        assertThat(LibvirtNames.mdevUuid("mdev_ee0b88c4-f554-4dc1-809d-b2a01e8e48ad")).isEqualTo("ee0b88c4-f554-4dc1-809d-b2a01e8e48ad");
        assertThat(LibvirtNames.mdevParent("mdev_d069d019_36ea_4111_8f0a_8c9a70e21366")).isNull();

        String pci = "mdev_35ceae7f_eea5_4f28_b7f3_7b12a3e62d3c_0000_06_00_0";
        assertThat(LibvirtNames.mdevUuid(pci)).isEqualTo("35ceae7f-eea5-4f28-b7f3-7b12a3e62d3c");
        assertThat(LibvirtNames.mdevParent(pci)).isEqualTo("0000:06:00.0");
        assertThat(LibvirtNames.mdevParent("mdev_35ceae7f_eea5_4f28_b7f3_7b12a3e62d3c_0_0_0023")).isEqualTo("0.0.0023");
        assertThat(LibvirtNames.mdevParent("mdev_35ceae7f_eea5_4f28_b7f3_7b12a3e62d3c_matrix")).isEqualTo("matrix");
        assertThat(LibvirtNames.mdevUuid("pci_0000_06_00_0")).isNull();
        assertThat(LibvirtNames.mdevUuid("mdev_35ceae7f")).isNull();
    }
}

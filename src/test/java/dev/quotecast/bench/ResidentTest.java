package dev.quotecast.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResidentTest {

    @Test
    void readsVmRssInKilobytes() {
        String status = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmRSS:\t  312456 kB\nRssAnon:\t 200000 kB\n";
        assertThat(Resident.parse(status)).isEqualTo(312_456L * 1024);
    }

    @Test
    void noLineNoFigure() {
        assertThat(Resident.parse("Name:\tjava\n")).isEqualTo(-1);
    }

    @Test
    void theRunningJvmHasOneOnLinux() {
        if (System.getProperty("os.name").startsWith("Linux")) assertThat(Resident.current()).isPositive();
    }
}

package io.github.berth.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the engine's description of a container is read. */
class ContainerInspectionTest {

    private static ContainerInspection read(String json) throws IOException {
        try (JsonParser parser = new JsonFactory().createParser(json.replace('\'', '"'))) {
            return ContainerInspection.read(parser);
        }
    }

    @Test
    void aRunningContainerGivesItsStateAddressAndTheIpv4BindingOfEachPort() throws IOException {
        ContainerInspection inspection = read(
                "{'Id':'abc','Created':'x','Args':['-f'],"
                        + "'State':{'Status':'running','Running':true,'ExitCode':0,'OOMKilled':false,'Error':'',"
                        + "'Health':{'Status':'starting','Log':[{'Output':'first try'},{'ExitCode':1,"
                        + "'Output':'not yet\\n'}]}},"
                        + "'HostConfig':{'Memory':0,'PortBindings':{'80/tcp':[{'HostIp':'','HostPort':''}]}},"
                        + "'Config':{'Labels':{'a':'b'}},"
                        + "'NetworkSettings':{'Ports':{"
                        + "'80/tcp':[{'HostIp':'::','HostPort':'32001'},{'HostIp':'0.0.0.0','HostPort':'32001'}],"
                        + "'443/tcp':null,'53/udp':[{'HostIp':'127.0.0.1','HostPort':'5353'}]},"
                        + "'Networks':{'other':{'IPAddress':'10.0.0.2'},'cluster':{'Aliases':['db'],'IPAddress':'172.18.0.3','Gateway':'172.18.0.1','NetworkID':'0123456789abcdef'}}}}");

        assertThat(inspection.status("cluster"))
                .isEqualTo(new ContainerStatus(
                        "abc",
                        "running",
                        0,
                        false,
                        "starting",
                        "not yet\n",
                        "",
                        "172.18.0.3",
                        "172.18.0.1",
                        "0123456789abcdef",
                        List.of(
                                new ContainerStatus.PublishedPort(80, "0.0.0.0", 32001),
                                new ContainerStatus.PublishedPort(53, "127.0.0.1", 5353))));
        assertThat(inspection.status("other").ip()).isEqualTo("10.0.0.2");
        assertThat(inspection.status("other").gateway()).isEmpty();
        assertThat(inspection.status("none").ip()).isEmpty();
        assertThat(inspection.memoryLimit()).isZero();
    }

    @Test
    void everyHostPortOfAContainerPortIsKeptAndAnIpv6BindingOfItsOwnToo() throws IOException {
        ContainerInspection inspection = read("{'Id':'abc','NetworkSettings':{'Ports':{"
                + "'80/tcp':[{'HostIp':'127.0.0.1','HostPort':'18431'},{'HostIp':'127.0.0.1','HostPort':'32829'}],"
                + "'81/tcp':[{'HostIp':'0.0.0.0','HostPort':'32000'},{'HostIp':'::','HostPort':'32000'}],"
                + "'82/tcp':[{'HostIp':'::1','HostPort':'32001'}]}}}");

        assertThat(inspection.status("cluster").ports())
                .containsExactly(
                        new ContainerStatus.PublishedPort(80, "127.0.0.1", 18431),
                        new ContainerStatus.PublishedPort(80, "127.0.0.1", 32829),
                        new ContainerStatus.PublishedPort(81, "0.0.0.0", 32000),
                        new ContainerStatus.PublishedPort(82, "::1", 32001));
    }

    @Test
    void anEndedContainerGivesItsExitCodeMemoryKillAndError() throws IOException {
        ContainerInspection inspection = read("{'Id':'abc','State':{'Status':'exited','Running':false,"
                + "'ExitCode':137,'OOMKilled':true,'Error':'out of memory'},'HostConfig':{'Memory':6291456},"
                + "'NetworkSettings':{'Ports':{},'Networks':{}}}");

        ContainerStatus status = inspection.status("cluster");
        assertThat(status.ended()).isTrue();
        assertThat(status.exitCode()).isEqualTo(137);
        assertThat(status.oomKilled()).isTrue();
        assertThat(status.error()).isEqualTo("out of memory");
        assertThat(status.health()).isNull();
        assertThat(status.ports()).isEmpty();
        assertThat(inspection.memoryLimit()).isEqualTo(6291456);
    }

    @Test
    void podmansEmptyHealthAndMissingSectionsReadAsNone() throws IOException {
        ContainerInspection inspection =
                read("{'Id':'abc','State':{'Status':'created','Health':{'Status':''}},'NetworkSettings':null}");

        assertThat(inspection.status("cluster").health()).isNull();
        assertThat(inspection.status("cluster").state()).isEqualTo("created");
        assertThat(inspection.status("cluster").ports()).isEmpty();
    }

    @Test
    void anAnswerWithoutAnIdIsRefused() {
        assertThatThrownBy(() -> read("{'State':{'Status':'running'}}"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("without an Id");
        assertThatThrownBy(() -> read("[]")).isInstanceOf(IOException.class).hasMessageContaining("not a JSON object");
    }
}

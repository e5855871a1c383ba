package io.github.berth.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.berth.engine.ConfigurationException;
import io.github.berth.engine.cluster.PortSpec;
import io.github.berth.engine.cluster.ReadinessCheck;
import io.github.berth.engine.cluster.ServiceSpec;
import java.io.StringReader;
import java.nio.file.Path;
import org.codehaus.plexus.classworlds.ClassWorld;
import org.codehaus.plexus.component.configurator.BasicComponentConfigurator;
import org.codehaus.plexus.configuration.xml.XmlPlexusConfiguration;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.junit.jupiter.api.Test;

/** Ports as users write them in the POM, read by the configurator that Maven reads the POM with. */
class PomPortsTest {

    @Test
    void readsAPortGivenAsItsNumberAlone() throws Exception {
        ServiceSpec web = service("<ports><port>8080</port></ports><readiness><tcp/></readiness>");

        assertThat(web.ports()).containsExactly(PortSpec.of(8080));
        assertThat(web.readiness())
                .singleElement()
                .isInstanceOfSatisfying(
                        ReadinessCheck.Tcp.class, tcp -> assertThat(tcp.port()).isEqualTo(8080));
    }

    @Test
    void namesTheServiceOfAPortThatIsNoNumber() {
        assertThatThrownBy(() -> service("<ports><port><container>http</container></port></ports>"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("service 'web' <ports><port><container> 'http' is not a port number; write a"
                        + " number from 1 to 65535");
    }

    @Test
    void namesTheServiceOfAHostPortOrReadinessPortThatIsNoNumber() {
        assertThatThrownBy(() -> service("<ports><port><container>80</container><host>any</host></port></ports>"
                        + "<readiness><http><port>web</port></http></readiness>"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("service 'web' <ports><port><host> 'any' is not a port number; write a number"
                        + " from 1 to 65535, or leave it empty for a free one")
                .hasMessageContaining("service 'web' <readiness><http><port> 'web' is not a port number; write a"
                        + " number from 1 to 65535, or leave it empty for the first published port");
    }

    /** The one service {@code web} of a cluster, with {@code elements} in its {@code <service>}. */
    private static ServiceSpec service(String elements) throws Exception {
        StartClusterMojo mojo = new StartClusterMojo();
        String pom = "<configuration><cluster><services><service><name>web</name><image>web</image>" + elements
                + "</service></services></cluster></configuration>";
        ClassWorld world = new ClassWorld("pom", PomPortsTest.class.getClassLoader());
        new BasicComponentConfigurator()
                .configureComponent(
                        mojo,
                        new XmlPlexusConfiguration(Xpp3DomBuilder.build(new StringReader(pom))),
                        world.getRealm("pom"));
        return mojo.cluster
                .toSpec("project", Path.of("/work/project"))
                .services()
                .get(0);
    }
}

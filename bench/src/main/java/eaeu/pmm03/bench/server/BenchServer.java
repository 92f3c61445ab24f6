package eaeu.pmm03.bench.server;

import eaeu.pmm03.security.xml.XmlLimits;
import eaeu.pmm03.server.Pmm03Application;
import eaeu.pmm03.server.transport.EndpointSecurity;
import eaeu.pmm03.server.transport.Endpoints;
import org.apache.cxf.Bus;
import org.apache.cxf.jaxws.EndpointImpl;
import org.springframework.boot.SpringApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The server of the benchmark: the node's own application ({@link Pmm03Application}, unchanged, with whatever
 * configuration it is given) plus, for the benchmark only, the bare echo endpoint at /ws/echo and the probe and
 * seeding endpoints under /bench/ ({@link BenchControl}). None of these exists in the node's own jar.
 */
@Configuration
public class BenchServer {

    public static void main(String[] args) {
        SpringApplication.run(new Class<?>[] {Pmm03Application.class, BenchServer.class, BenchControl.class,
                Seeder.class}, args);
    }

    /** Published exactly as the Commission service's SOAP 1.1 port is: same contract, limits and WS-Security. */
    @Bean
    public EndpointImpl benchEcho(Bus bus, XmlLimits limits, EndpointSecurity security) {
        return Endpoints.publish(bus, new EchoProvider(), Endpoints.COMMISSION, limits, security, "CommissionSoap11",
                "/echo");
    }

    /** The same on the Authority service's port, for MSG.016 (the MTOM scenario's baseline). */
    @Bean
    public EndpointImpl benchAuthorityEcho(Bus bus, XmlLimits limits, EndpointSecurity security) {
        return Endpoints.publish(bus, new AuthorityEchoProvider(), Endpoints.AUTHORITY, limits, security,
                "AuthoritySoap11", "/echo-authority");
    }
}

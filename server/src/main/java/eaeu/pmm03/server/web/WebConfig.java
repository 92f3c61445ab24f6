package eaeu.pmm03.server.web;

import org.apache.cxf.Bus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import eaeu.pmm03.server.transport.Endpoints;
import org.springframework.core.io.ResourceLoader;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** How the node presents itself over HTTP: its public address behind reverse proxies and in its WSDLs. */
@Configuration
public class WebConfig {

    @Bean
    public PublicAddress publicAddress(@Value("${pmm03.http.trusted-proxies:}") List<String> trustedProxies) {
        return new PublicAddress(trustedProxies);
    }

    @Bean
    public FilterRegistrationBean<eaeu.pmm03.server.ops.SoapRequestTimer> soapRequestTimer(
            io.micrometer.core.instrument.MeterRegistry registry, @Value("${cxf.path:/services}") String cxfPath) {
        var r = new FilterRegistrationBean<>(new eaeu.pmm03.server.ops.SoapRequestTimer(registry));
        r.addUrlPatterns(cxfPath + "/*");
        r.setName("soapRequestTimer");
        return r;
    }

    @Bean
    public FilterRegistrationBean<WsdlAddressFilter> wsdlAddressFilter(Bus bus, PublicAddress address,
                                                                       @Value("${cxf.path:/services}") String cxfPath,
                                                                       ResourceLoader resources) throws IOException {
        List<byte[]> contract = new ArrayList<>();
        for (Endpoints.Contract c : List.of(Endpoints.COMMISSION, Endpoints.AUTHORITY)) {
            try (InputStream in = resources.getResource(c.wsdl()).getInputStream()) {
                contract.add(in.readAllBytes());
            }
        }
        FilterRegistrationBean<WsdlAddressFilter> r = new FilterRegistrationBean<>(
                new WsdlAddressFilter(bus, address, WsdlAddressFilter.portNames(contract)));
        r.addUrlPatterns(cxfPath + "/*");
        r.setName("wsdlAddressFilter");
        return r;
    }
}

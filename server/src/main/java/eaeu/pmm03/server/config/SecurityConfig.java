package eaeu.pmm03.server.config;

import eaeu.pmm03.security.wss.WsSecuritySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

import java.util.Map;
import java.util.TreeMap;

/**
 * The XML-signature settings of the node: every {@code pmm03.security.*} property of the Spring environment
 * (application.yml, an external config file, command line, test properties) handed as flat keys to
 * {@link WsSecuritySettings#fromMap}, the same reader the client stub uses on its properties file. See
 * docs/security.md.
 */
@Configuration
public class SecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

    @Bean
    public WsSecuritySettings wsSecuritySettings(ConfigurableEnvironment env) {
        Map<String, String> flat = new TreeMap<>();
        for (PropertySource<?> ps : env.getPropertySources()) {
            if (ps instanceof EnumerablePropertySource<?> e) {
                for (String name : e.getPropertyNames()) {
                    String key = name.startsWith(WsSecuritySettings.PREFIX + ".") ? name : null;
                    if (key != null && !flat.containsKey(key)) {
                        String v = env.getProperty(key);
                        if (v != null) {
                            flat.put(key, v);
                        }
                    }
                }
            }
        }
        WsSecuritySettings s = WsSecuritySettings.fromMap(flat);
        s.registerJcaProvider();
        log.info("XML signatures: {}; keystore {}; truststore {}; {} certificate binding(s)", s.policy(),
                s.keystore() == null ? "none" : s.keystore().file(),
                s.truststore() == null ? "none" : s.truststore().file(), s.certificates().size());
        return s;
    }
}

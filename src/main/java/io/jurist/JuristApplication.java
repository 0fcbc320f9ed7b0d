package io.jurist;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Jurist: regulatory data-use rules, decisions and the workflows that change them. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class JuristApplication {

    public static void main(String[] args) {
        SpringApplication.run(JuristApplication.class, args);
    }
}

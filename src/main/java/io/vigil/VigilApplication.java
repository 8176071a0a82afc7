package io.vigil;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class VigilApplication {
  public static void main(String[] args) {
    SpringApplication.run(VigilApplication.class, args);
  }
}

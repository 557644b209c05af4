# ca-service — The REST API. It never receives the KEK: it must not be able to unwrap CA keys.
# Build the jar first (./mvnw -B -ntp -DskipTests package), then: docker build -f docker/ca-service.Dockerfile .
FROM eclipse-temurin:17-jre
WORKDIR /deployments
# Dependencies change less often than the application: separate layers keep rebuilds small.
COPY ca-service/target/quarkus-app/lib/ lib/
COPY ca-service/target/quarkus-app/quarkus/ quarkus/
COPY ca-service/target/quarkus-app/app/ app/
COPY ca-service/target/quarkus-app/quarkus-run.jar quarkus-run.jar
COPY docker/healthcheck.sh healthcheck.sh
ENV QUARKUS_HTTP_PORT=8080
EXPOSE 8080
# Any non-root uid works; the files above are world-readable.
USER 185
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-jar", "/deployments/quarkus-run.jar"]

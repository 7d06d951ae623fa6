package example;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Service;

import io.coordination.annotation.DistributedLock;
import io.coordination.annotation.LockContext;

@SpringBootApplication
public class ReadmeApplication {

	public static void main(String[] args) {
		SpringApplication.run(ReadmeApplication.class, args);
	}

	@Service
	public static class Invoices {

		@DistributedLock(name = "invoice-#{#customer}", waitTime = "5s")
		public long bill(String customer) {
			return LockContext.currentToken();
		}

	}

}

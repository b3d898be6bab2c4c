// Name parts for synthetic providers, reps and organizations. Combinations are random and carry no
// real identity; every provider is additionally labelled SYNTHETIC in its credentials, and every
// organization and health system name starts with "Synthetic".

export const LAST_NAMES: readonly string[] = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
  'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson',
  'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores',
  'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts',
  'Patel', 'Shah', 'Kim', 'Chen', 'Wang', 'Singh', 'Khan', 'Cohen', 'Murphy', 'Cook',
  'Rogers', 'Morgan', 'Peterson', 'Cooper', 'Reed', 'Bailey', 'Bell', 'Gomez', 'Kelly', 'Howard',
  'Ward', 'Cox', 'Diaz', 'Richardson', 'Wood', 'Watson', 'Brooks', 'Bennett', 'Gray', 'James',
  'Reyes', 'Cruz', 'Hughes', 'Price', 'Myers', 'Long', 'Foster', 'Sanders', 'Ross', 'Morales',
  'Powell', 'Sullivan', 'Russell', 'Ortiz', 'Jenkins', 'Gutierrez', 'Perry', 'Butler', 'Barnes', 'Fisher',
];

export const FIRST_NAMES: readonly string[] = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth',
  'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen',
  'Daniel', 'Nancy', 'Matthew', 'Lisa', 'Anthony', 'Betty', 'Mark', 'Margaret', 'Steven', 'Sandra',
  'Paul', 'Ashley', 'Andrew', 'Emily', 'Joshua', 'Michelle', 'Kevin', 'Amanda', 'Brian', 'Melissa',
  'Priya', 'Wei', 'Raj', 'Mei', 'Carlos', 'Maria', 'Ahmed', 'Fatima', 'Hiroshi', 'Yuki',
  'Olga', 'Ivan', 'Grace', 'Samuel', 'Hannah', 'Benjamin', 'Rachel', 'Nathan', 'Laura', 'Aaron',
];

export const MIDDLE_INITIALS = 'ABCDEFGHJKLMNPRSTW';

export const STREET_NAMES: readonly string[] = [
  'Main', 'Oak', 'Maple', 'Cedar', 'Park', 'Elm', 'Lake', 'Hill', 'Washington', 'Pine',
  'Medical Center', 'Hospital', 'Church', 'River', 'Highland', 'Sunset', 'Lincoln', 'Jefferson', 'Ridge', 'Meadow',
];

export const STREET_SUFFIXES: readonly string[] = ['St', 'Ave', 'Blvd', 'Dr', 'Rd', 'Pkwy', 'Way', 'Ln'];

/** Health-system flavour words; every system name is "Synthetic <word> Health System <n>". */
export const SYSTEM_WORDS: readonly string[] = [
  'Regional', 'Valley', 'Lakeside', 'Summit', 'Harbor', 'Prairie', 'Riverbend', 'Northfield', 'Bayview', 'Pinecrest',
  'Crossroads', 'Meridian', 'Keystone', 'Heritage', 'Frontier', 'Cascade', 'Gulfside', 'Piedmont', 'Mesa', 'Lakeshore',
];

/** Competitor manufacturers for the Open Payments–style file: obviously fictitious. */
export const SYNTHETIC_MANUFACTURERS: readonly string[] = [
  'Synthetic Orthopedic Devices Inc.',
  'Synthetic Cardio Structural LLC',
  'Synthetic Spine Technologies Corp.',
  'Synthetic Glucose Monitoring Inc.',
  'Synthetic Retina Biologics Inc.',
];

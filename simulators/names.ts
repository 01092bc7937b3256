export const GIVEN_NAMES = [
	'Olivia', 'Amelia', 'Isla', 'Ava', 'Ivy', 'Freya', 'Lily', 'Florence', 'Mia', 'Willow',
	'Rosie', 'Sophia', 'Isabella', 'Grace', 'Daisy', 'Sienna', 'Poppy', 'Elsie', 'Emily', 'Ella',
	'Evelyn', 'Phoebe', 'Sofia', 'Evie', 'Charlotte', 'Harper', 'Millie', 'Matilda', 'Maya', 'Aisha',
	'Zara', 'Amira', 'Hannah', 'Chloe', 'Megan', 'Nia', 'Priya', 'Zainab', 'Maryam', 'Ruby',
	'Muhammad', 'Noah', 'Oliver', 'George', 'Leo', 'Arthur', 'Oscar', 'Theodore', 'Freddie', 'Harry',
	'Archie', 'Jack', 'Henry', 'Charlie', 'Finley', 'Alfie', 'Thomas', 'Theo', 'Lucas', 'Jacob',
	'Isaac', 'Tommy', 'Joshua', 'Ethan', 'Mason', 'Reuben', 'Ibrahim', 'Yusuf', 'Kai', 'Rory',
	'Samuel', 'Daniel', 'Adam', 'Louis', 'Dylan', 'Kofi', 'Tariq', 'Ayaan', 'Arjun', 'Callum'
];

export const FAMILY_NAMES = [
	'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Patel', 'Robinson',
	'Wright', 'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Thomas', 'Clarke',
	'Jackson', 'Wood', 'Harris', 'Edwards', 'Turner', 'Martin', 'Cooper', 'Hill', 'Ward', 'Hughes',
	'Moore', 'Clark', 'King', 'Harrison', 'Lewis', 'Baker', 'Lee', 'Allen', 'Morris', 'Khan',
	'Scott', 'Watson', 'Davis', 'Parker', 'James', 'Bennett', 'Young', 'Phillips', 'Richardson', 'Mitchell',
	'Bailey', 'Carter', 'Cook', 'Singh', 'Shaw', 'Bell', 'Collins', 'Morgan', 'Kelly', 'Begum',
	'Ali', 'Hussain', 'Ahmed', 'Mensah', 'Okafor', 'Nowak', 'Kowalski', 'Murphy', 'Doyle', 'Chen'
];

export const STAFF_TITLES = ['Mr', 'Ms', 'Mrs', 'Miss', 'Dr'];
